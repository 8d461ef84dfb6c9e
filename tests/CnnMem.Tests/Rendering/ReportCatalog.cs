using CnnMem.Import.Spec;
using CnnMem.Reports;
using CnnMem.Pipeline;

namespace CnnMem.Tests.Rendering;

/// <summary>Reports the renderer tests run on: the hand-made network, plus every built-in network once they exist.</summary>
internal static class ReportCatalog
{
    // TODO: add vgg16 and resnet_block once the dropout and batchnorm rules are merged.
    public static IEnumerable<string> Names => ["twoconv", "seed", "seed_ceil", "lenet5", "mnist_mlp"];

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
