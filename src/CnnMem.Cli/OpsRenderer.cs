using System.Text.Json;
using CnnMem.Ops;
using CnnMem.Rendering;
using Spectre.Console;

namespace CnnMem.Cli;

/// <summary>The <c>cnnmem ops</c> listing: every rule in the registry, as a table or as JSON.</summary>
internal static class OpsRenderer
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
                r.Description)
            {
                Spec = r.Spec.Select(Syntax).ToArray(),
            })
            .OrderBy(o => o.Domain, StringComparer.Ordinal)
            .ThenBy(o => o.OpTypes[0], StringComparer.Ordinal)
            .ToArray();

    private static SpecSyntaxInfo Syntax(SpecSyntax s) => new(
        s.Keywords.ToArray(),
        SpecUsage.Line(s),
        s.Positional.Select(a => Arg(a, positional: true)).Concat(s.Options.Select(a => Arg(a, positional: false))).ToArray());

    private static SpecArgInfo Arg(SpecArg a, bool positional) =>
        new(a.Name, a.Kind.ToString().ToLowerInvariant(), positional, a.Required, a.Help);

    public static string WriteJson(OpRegistry registry) => JsonConventions.Serialize(List(registry), Json);

    public static void RenderTable(OpRegistry registry, IAnsiConsole console, TableBorder border)
    {
        var table = new Table().Border(border)
            .AddColumn("Domain")
            .AddColumn("Op types")
            .AddColumn("Opsets")
            .AddColumn("Spec keywords and arguments")
            .AddColumn("Description");
        var ops = List(registry);
        foreach (var op in ops)
        {
            table.AddRow(
                new Text(op.Domain),
                new Text(string.Join(", ", op.OpTypes)),
                new Text($"{op.OpsetMin}-{op.OpsetMax}"),
                new Text(string.Join("\n", op.Spec.Select(x => x.Usage))),
                new Text(op.Description));
        }
        console.Write(table);
        console.WriteLine($"{ops.Count} op rules. Spec keywords are the words that start a layer line in a .cnn file; " +
            "CAPITALS are positional arguments, [name=VALUE] options (--format json gives each argument's help).");
    }
}
