using CnnMem.Costs;
using CnnMem.Pipeline;
using CnnMem.Reports;
using CnnMem.Rendering;
using CnnMem.Tests.Cli;
using CnnMem.Zoo;

namespace CnnMem.Tests.Analysis;

/// <summary>
/// Folded layer rows are an analysis option (<see cref="AnalysisOptions.GroupConvBlocks"/>, <see cref="AnalysisOptions.GroupDepth"/>)
/// carried in the report: a library user's report renders the same layer table as the CLI's <c>--group</c> and <c>--depth N</c>.
/// </summary>
public class FoldedGroupsTests
{
    public static TheoryData<string, string[]> Foldings => new()
    {
        { "seed", ["--group"] },
        { "seed", ["--depth", "1"] },
        { "resnet_block", ["--group"] },
        { "resnet18", ["--group"] },
        { "resnet18", ["--depth", "1"] },
        { "resnet18", ["--depth", "2"] },
        { "mobilenet_v3_small", ["--group"] },
        { "mobilenet_v3_small", ["--depth", "2"] },
    };

    [Theory]
    [MemberData(nameof(Foldings))]
    public void LibraryReport_RendersTheCliLayerTable(string model, string[] fold)
    {
        var options = new AnalysisOptions
        {
            Batch = 2,
            FrameworkMemory = false, // the layer table reads only the layers, the groups and the textbook totals
            GroupConvBlocks = fold[0] == "--group",
            GroupDepth = fold[0] == "--depth" ? int.Parse(fold[1], System.Globalization.CultureInfo.InvariantCulture) : null,
        };
        var report = Analyze(model, options);
        var cli = CliRun.Of(["analyze", model, "--batch", "2", "--format", "markdown", .. fold]);

        Assert.Equal(0, cli.ExitCode);
        Assert.NotEmpty(report.Groups);
        Assert.True(report.Groups.Length <= report.Layers.Length, "folding never lengthens the table");
        Assert.Equal(LayerTable(cli.Out), LayerTable(MarkdownReportWriter.Write(report, UnitSystem.Si)));
    }

    [Fact]
    public void Groups_AreTheFoldingOfTheReportsLayers()
    {
        var plain = Analyze("resnet18", new AnalysisOptions { Batch = 2, FrameworkMemory = false });
        var blocks = Analyze("resnet18", new AnalysisOptions { Batch = 2, FrameworkMemory = false, GroupConvBlocks = true });
        var depth = Analyze("resnet18", new AnalysisOptions { Batch = 2, FrameworkMemory = false, GroupDepth = 1 });

        Assert.Empty(plain.Groups);
        Assert.Equal(plain.Layers.Select(l => l.Name), blocks.Layers.Select(l => l.Name));
        Assert.Equal(Text(LayerFolding.ByDepth(plain.Layers, 1)), Text(depth.Groups));
        Assert.True(blocks.Groups.Length < plain.Layers.Length && depth.Groups.Length < blocks.Groups.Length, "each folding shortens the table");
        Assert.Contains(blocks.Groups, g => g.Op == "Conv+BatchNormalization" && g.Members == 2);
        Assert.Equal(plain.Totals.Params, blocks.Groups.Sum(g => g.Params));
        Assert.Equal(plain.Totals.Macs, depth.Groups.Sum(g => g.Macs));
    }

    [Fact]
    public void JsonAndCsv_ListEveryLayer_WhenFolded()
    {
        var model = Model.BuiltIn("seed");
        var plain = model.Analyze(new AnalysisOptions { Batch = 2 });
        var folded = model.Analyze(new AnalysisOptions { Batch = 2, GroupConvBlocks = true });

        Assert.Equal(JsonReportWriter.Write(plain), JsonReportWriter.Write(folded));
        Assert.Equal(CsvReportWriter.Write(plain), CsvReportWriter.Write(folded));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void GroupDepth_BelowOne_IsRefused(int depth)
    {
        var e = Assert.Throws<CnnMemException>(() => Model.BuiltIn("seed").Analyze(new AnalysisOptions { GroupDepth = depth }));
        Assert.Contains($"GroupDepth (--depth) must be at least 1 (module path components), found {depth}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BothFoldings_AreRefused()
    {
        var e = Assert.Throws<CnnMemException>(() => Model.BuiltIn("seed").Analyze(new AnalysisOptions { GroupConvBlocks = true, GroupDepth = 2 }));
        Assert.Contains("GroupConvBlocks (--group) and GroupDepth (--depth) fold the layer rows in different ways; set one of them", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A built-in network as a library user has it (<see cref="Model.BuiltIn"/>), or a torchvision network of the zoo as the CLI builds it.</summary>
    private static AnalysisReport Analyze(string model, AnalysisOptions options) =>
        Model.BuiltInNames.Contains(model) ? Model.BuiltIn(model).Analyze(options)
        : ZooModels.TryBuild(model, null, null, out var graph) ? Analyzer.Analyze(graph!, options)
        : throw new ArgumentException($"no network {model}", nameof(model));

    private static IEnumerable<string> Text(IEnumerable<FoldedRow> rows) =>
        rows.Select(r => $"{r.Name} {r.Op} {r.OutputShape} {r.Elements} {r.Bytes} {r.Params} {r.NonTrainableParams} {r.Macs} {r.Counted} {r.Members}");

    /// <summary>The Markdown layer table: from its heading row to the totals row.</summary>
    private static string[] LayerTable(string markdown)
    {
        var lines = markdown.Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith("| Layer | Op |", StringComparison.Ordinal));
        var end = Array.FindIndex(lines, start, l => l.StartsWith("| **Total** |", StringComparison.Ordinal));
        Assert.True(start >= 0 && end > start, "a layer table with a totals row");
        return lines[start..(end + 1)];
    }
}
