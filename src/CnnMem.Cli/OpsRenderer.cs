using System.Text.Json;
using CnnMem.Ops;
using CnnMem.Rendering;
using Spectre.Console;

namespace CnnMem.Cli;

/// <summary>The <c>cnnmem ops</c> listing: every rule in the registry, as a table or as JSON.</summary>
public static class OpsRenderer
{
    private static readonly JsonSerializerOptions Json = JsonConventions.Create(CliJsonContext.Default);

    public static IReadOnlyList<OpInfo> List(OpRegistry registry) =>
        registry.Rules
            .Select(r => new OpInfo(
                r.Domain.Length == 0 ? "ai.onnx" : r.Domain,
                r.OpTypes.ToArray(),
                r.Opsets.Min,
                r.Opsets.Max,
                r.Spec.SelectMany(s => s.Keywords).ToArray(),
                r.Description))
            .OrderBy(o => o.Domain, StringComparer.Ordinal)
            .ThenBy(o => o.OpTypes[0], StringComparer.Ordinal)
            .ToArray();

    public static string WriteJson(OpRegistry registry) => JsonConventions.Serialize(List(registry), Json);

    public static void RenderTable(OpRegistry registry, IAnsiConsole console, TableBorder border)
    {
        var table = new Table().Border(border)
            .AddColumn("Domain")
            .AddColumn("Op types")
            .AddColumn("Opsets")
            .AddColumn("Spec keywords")
            .AddColumn("Description");
        var ops = List(registry);
        foreach (var op in ops)
        {
            table.AddRow(
                new Text(op.Domain),
                new Text(string.Join(", ", op.OpTypes)),
                new Text($"{op.OpsetMin}-{op.OpsetMax}"),
                new Text(string.Join(", ", op.SpecKeywords)),
                new Text(op.Description));
        }
        console.Write(table);
        console.WriteLine($"{ops.Count} op rules. Spec keywords are the words that start a layer line in a .cnn file.");
    }
}
