using CnnMem.Analysis;
using CnnMem.Import.Spec;
using CnnMem.Reports;

namespace CnnMem.Tests.Rendering;

/// <summary>Reports the renderer tests run on: the hand-made network, plus every built-in network once they exist.</summary>
internal static class ReportCatalog
{
    public static IEnumerable<string> Names => new[] { "twoconv" }.Concat(BuiltInModels.Names);

    public static AnalysisReport Get(string name)
    {
        if (name == "twoconv")
        {
            return TestGraphs.Report();
        }
        Assert.True(BuiltInModels.TryGet(name, out var graph));
        return Analyzer.Analyze(graph!, new AnalysisOptions { Batch = 64 });
    }
}
