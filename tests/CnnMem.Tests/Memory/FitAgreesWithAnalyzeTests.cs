using CnnMem.Import.Spec;
using CnnMem.Pipeline;

namespace CnnMem.Tests.Memory;

/// <summary>fit's memory at a batch is the figure 'analyze --backend cuda' prints as the device totals at that batch, to the byte.</summary>
public class FitAgreesWithAnalyzeTests
{
    [Theory]
    [InlineData("seed", 1L)]
    [InlineData("seed", 1000L)]
    [InlineData("lenet5", 64L)]
    public void FitBytes_EqualAnalyzeDeviceTotals(string name, long batch)
    {
        Assert.True(BuiltInModels.TryGet(name, out var found));
        var graph = found!;
        var options = new AnalysisOptions { Batch = batch, Memory = new MemoryOptions { Framework = Framework.PyTorch113, Backend = Backend.Cuda } };
        var device = Analyzer.Analyze(graph, options).Memory.Device!;
        Assert.Equal(device.InferenceTotalBytes, FitModel.InferenceBytes(graph, options, batch));
        Assert.Equal(device.TrainingTotalBytes, FitModel.TrainingBytes(graph, options with { Optimizer = Optimizer.Sgd }, batch));
    }
}
