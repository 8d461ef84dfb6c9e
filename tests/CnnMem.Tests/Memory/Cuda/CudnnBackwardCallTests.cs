using CnnMem.Import.Spec;
using CnnMem.Memory.Trace;
using CnnMem.Pipeline;
using CnnMem.Memory.Storages;

namespace CnnMem.Tests.Memory.Cuda;

/// <summary>
/// A CUDA convolution's backward as PyTorch runs it (ConvShared.cpp, <c>cudnn_convolution_backward</c>): the
/// backward-data call, then the backward-filter call, each with its own workspace, and the fallback rule's workspace
/// of each call (NHWC copies of both activation tensors it touches, without the forward's exceptions).
/// Network: a 3-channel image, a 3x3 stem convolution to 16 channels, relu, a pointwise 16 -> 16 convolution; batch 2.
/// </summary>
public class CudnnBackwardCallTests
{
    private const long Image = 2 * 3 * 64 * 4;     // x: [2, 3, 8, 8] float32
    private const long Act = 2 * 16 * 64 * 4;      // a 16-channel 8x8 activation

    private static readonly MemoryOptions Cuda = new() { Framework = Framework.PyTorch2, Backend = Backend.Cuda };

    private static StorageGraph Graph() => StorageGraphs.Of(
        Analyzer.Infer(SpecParser.Parse("input 8x8x3\nconv 16 3x3 pad=1\nrelu\nconv 16 1x1", "t.cnn"), new AnalysisOptions(), 2),
        Cuda,
        training: true);

    [Fact]
    public void StemConvolution_NoForwardWorkspace_ButBothBackwardCallsCopyInputAndOutput()
    {
        var stem = Graph().Nodes[0];
        Assert.Equal(0, stem.ForwardWorkspace); // 3 channels: a direct kernel (measured)
        Assert.Equal(Image + Act, stem.BackwardDataWorkspace);
        Assert.Equal(Image + Act, stem.BackwardFilterWorkspace);
    }

    [Fact]
    public void PointwiseConvolution_ForwardCopiesTheInput_BackwardCallsBothTensors()
    {
        var pw = Graph().Nodes[2];
        Assert.Equal(Act, pw.ForwardWorkspace);
        Assert.Equal(Act + Act, pw.BackwardDataWorkspace);
        Assert.Equal(Act + Act, pw.BackwardFilterWorkspace);
        Assert.Equal(Act + Act, pw.BackwardWorkspace); // the larger call, for the requested-bytes peak
    }

    [Fact]
    public void Backward_DataCallAfterTheInputGradient_FilterCallAfterTheWeightGradient()
    {
        var g = Graph();
        var n = g.Nodes.Length;
        var t = new StepTraceBuilder(g, training: true);
        var loss = t.Forward(training: true);
        t.ClearEvents();
        t.Backward(loss, gradsExist: false);
        // the bias's gradient (64 bytes) is left out: its place beside the weight's is not what is checked here
        string Seq(int node) => string.Join(" ", t.Events.Where(e => e.Step == (2 * n) - node && e.Bytes != 16 * 4)
            .Select(e => $"{(e.Op == TraceOp.Alloc ? (e.Optional ? "ws+" : "+") : "-")}{e.Bytes}"));

        // pointwise convolution: its input's gradient, the data call's workspace, the weight's gradient, the filter
        // call's workspace, then its output's gradient is freed
        Assert.StartsWith($"+{Act} ws+{2 * Act} -{2 * Act} +{16 * 16 * 4} ws+{2 * Act} -{2 * Act}", Seq(2), StringComparison.Ordinal);
        // the stem: the image needs no gradient, so no data call; the filter call after the weight's gradient
        Assert.StartsWith($"+{16 * 3 * 9 * 4} ws+{Image + Act} -{Image + Act}", Seq(0), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_ListsTheBackwardCallsPyTorchMakes_TheOnesTheTraceRequests()
    {
        // the report's cuDNN table (memory.cudnn_workspaces) lists what the replay's trace asks for: the stem, on the
        // image, has no backward-data call (its input needs no gradient), the pointwise convolution has both
        var inference = Analyzer.Infer(SpecParser.Parse("input 8x8x3\nconv 16 3x3 pad=1\nrelu\nconv 16 1x1", "t.cnn"), new AnalysisOptions(), 2);
        var report = CnnMem.Memory.Cudnn.CudnnWorkspaceUses.Compute(inference, Cuda, training: true);
        string Calls(int i) => string.Join(",", report.Convolutions[i].Calls.Select(c => c.Direction));
        Assert.Equal("forward,backward_filter", Calls(0));
        Assert.Equal("forward,backward_data,backward_filter", Calls(1));
        // inference: the forward calls alone
        Assert.All(CnnMem.Memory.Cudnn.CudnnWorkspaceUses.Compute(inference, Cuda, training: false).Convolutions, c => Assert.Equal("forward", string.Join(",", c.Calls.Select(k => k.Direction))));

        // the trace makes the same calls: one workspace request per backward call the report lists
        var g = Graph();
        var n = g.Nodes.Length;
        var t = new StepTraceBuilder(g, training: true);
        var loss = t.Forward(training: true);
        t.ClearEvents();
        t.Backward(loss, gradsExist: false);
        int Requests(int node) => t.Events.Count(e => e.Step == (2 * n) - node && e.Optional && e.Op == TraceOp.Alloc);
        Assert.Equal(report.Convolutions[0].Calls.Length - 1, Requests(0));
        Assert.Equal(report.Convolutions[1].Calls.Length - 1, Requests(2));
    }

    [Fact]
    public void Report_AFrozenStem_MakesNoBackwardCall()
    {
        // frozen stem: neither its input nor its weight needs a gradient, so PyTorch runs no backward for it at all
        var inference = Analyzer.Infer(
            SpecParser.Parse("input 8x8x3\nconv 16 3x3 pad=1\nrelu\nconv 16 1x1", "t.cnn"),
            new AnalysisOptions { Freeze = [new CnnMem.FreezeRule("C1", false)] },
            2);
        var report = CnnMem.Memory.Cudnn.CudnnWorkspaceUses.Compute(inference, Cuda, training: true);
        Assert.Equal("forward", string.Join(",", report.Convolutions[0].Calls.Select(c => c.Direction)));
        Assert.Equal("forward,backward_filter", string.Join(",", report.Convolutions[1].Calls.Select(c => c.Direction)));
    }
}
