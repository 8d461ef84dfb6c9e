using CnnMem.Core;
using CnnMem.Memory.Cuda;
using CnnMem.Onnx;
using CnnMem.Pipeline;

namespace CnnMem.Tests.Memory;

/// <summary>
/// The training replay plays its trace while it is written, a chunk at a time; cut into chunks of a few events, every
/// phase's peaks, steps and reserved bytes must be those of the default chunk (which holds a small network's phases whole).
/// </summary>
public class ChunkedReplayTests
{
    [Theory]
    [InlineData("resnet18", 4, 1, "sgd", false)]
    [InlineData("mobilenet_v2", 2, 7, "adam", false)]
    [InlineData("vgg16", 1, 64, "adamw", true)]
    [InlineData("densenet121", 2, 501, "sgd", true)]
    public void SmallChunks_GiveTheSameRun(string model, long batch, int chunk, string optimizer, bool amp)
    {
        var graph = OnnxImporter.Import(OracleComparison.ModelFile(model));
        var inference = Analyzer.Infer(graph, new AnalysisOptions(), batch);
        var options = new MemoryOptions { Framework = Framework.PyTorch2, Backend = Backend.Cuda, MixedPrecision = amp, Optimizer = Optimizers.Parse(optimizer) };
        var whole = CudaReplay.Training(inference, options);
        var chunked = CudaReplay.Training(inference, options, long.MaxValue, chunk);
        Assert.Equal(whole, chunked);
        // under a budget too: the run stops at the same request
        var tight = whole.StaticAllocated + (whole.PeakAboveStatic / 2);
        Assert.Equal(CudaReplay.Training(inference, options, tight), CudaReplay.Training(inference, options, tight, chunk));
    }
}
