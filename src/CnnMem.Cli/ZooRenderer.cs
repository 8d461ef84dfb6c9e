using System.Globalization;
using System.Text.Json;
using CnnMem.Rendering;
using CnnMem.Zoo;
using Spectre.Console;

namespace CnnMem.Cli;

/// <summary>The <c>cnnmem zoo</c> listing: every built-in torchvision network, as a table or as JSON (name, params, input_shape, family, note).</summary>
internal static class ZooRenderer
{
    private static readonly JsonSerializerOptions Json = JsonConventions.Create(CliJsonContext.Default);

    public static string WriteJson(IReadOnlyList<ZooInfo> zoo) => JsonConventions.Serialize(zoo, Json);

    public static void RenderTable(IReadOnlyList<ZooInfo> zoo, IAnsiConsole console, TableBorder border)
    {
        var table = new Table().Border(border)
            .AddColumn("Name")
            .AddColumn("Family")
            .AddColumn(new TableColumn("Params").RightAligned())
            .AddColumn("Input (C x H x W)")
            .AddColumn("Note");
        foreach (var z in zoo)
        {
            table.AddRow(
                new Text(z.Name),
                new Text(z.Family),
                new Text(z.Params.ToString("N0", CultureInfo.InvariantCulture)),
                new Text(string.Join("x", z.InputShape)),
                new Text(z.Note ?? ""));
        }
        console.Write(table);
        console.WriteLine($"{zoo.Count} torchvision networks (parameters as torchvision 0.14 builds them). " +
            "Analyze one with 'cnnmem analyze NAME'; '--input HxW' changes the input size where the network allows.");
    }
}
