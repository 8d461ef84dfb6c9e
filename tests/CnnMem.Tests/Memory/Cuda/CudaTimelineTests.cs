using CnnMem.Onnx;
using CnnMem.Pipeline;

namespace CnnMem.Tests.Memory.Cuda;

/// <summary>
/// On CUDA the training-step timeline is the caching allocator's replay (issue 19, item 12): its peak is the summary's
/// training-step total (context + steady peak total), not the rounded requests' walk (which put resnet18's peak at
/// batch 8 26 MB above the summary).
/// </summary>
public class CudaTimelineTests
{
    private static AnalysisOptions Cuda(int checkpoint = 0) => new()
    {
        Batch = 8,
        ChartData = true,
        Memory = new MemoryOptions { Framework = Framework.PyTorch2, Backend = Backend.Cuda, CheckpointEvery = checkpoint, ZeroGrad = ZeroGradMode.Zero },
    };

    private static CnnMem.Reports.AnalysisReport Resnet18(AnalysisOptions options) =>
        Analyzer.Analyze(OnnxImporter.Import(Path.Combine(OracleComparison.OracleDir, "models", "resnet18.train.onnx")), options);

    [Fact]
    public void Timeline_PeakIsTheSummarysTrainingTotal()
    {
        var r = Resnet18(Cuda());
        var timeline = r.Memory.Timeline!;
        var total = r.Memory.Training!.SteadyPeakTotalBytes + r.Memory.Device!.ContextBytes;
        Assert.Equal(total, timeline.Peak.AllocatedBytes);
        // the base, what the allocator counts when the step starts: context, static tensors, the gradients' blocks
        // (zeroed in place; sgd: no state), as the replay's persistent figure has them
        var options = Cuda();
        var run = CnnMem.Memory.Cuda.CudaReplay.Training(
            Analyzer.Infer(OnnxImporter.Import(Path.Combine(OracleComparison.OracleDir, "models", "resnet18.train.onnx")), options, 8), options.Memory);
        Assert.Equal(r.Memory.Device.ContextBytes + r.Memory.Training.StaticBytes + run.Persistent, timeline.BaseBytes);
        Assert.InRange(run.Persistent, r.Memory.Training.GradientBytes, r.Memory.Training.GradientBytes + (2L << 20));
        Assert.Equal("forward", timeline.Steps[0].Phase);
        Assert.Equal("optimizer", timeline.Steps[^1].Phase);
        Assert.All(timeline.Steps, s => Assert.True(s.AllocatedBytes >= timeline.BaseBytes, s.Name));
    }

    [Fact]
    public void Timeline_WithCheckpointing_IsTheReplaysToo_WithTheReRunSegments()
    {
        // the replay re-runs the checkpointed segments: the timeline shows them, and its peak is the summary's total
        var r = Resnet18(Cuda(checkpoint: 4));
        var timeline = r.Memory.Timeline!;
        Assert.NotNull(timeline);
        Assert.Equal(r.Memory.Training!.SteadyPeakTotalBytes + r.Memory.Device!.ContextBytes, timeline.Peak.AllocatedBytes);
        var reruns = timeline.Steps.Where(s => s.Name.EndsWith(" (recomputed)", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(reruns);
        Assert.All(reruns, s => Assert.Equal("backward", s.Phase));
        // the checkpointed forward keeps less: its last level is below the plain step's
        var plain = Resnet18(Cuda()).Memory.Timeline!;
        Assert.True(timeline.Steps.Last(s => s.Phase == "forward").AllocatedBytes < plain.Steps.Last(s => s.Phase == "forward").AllocatedBytes);
    }
}
