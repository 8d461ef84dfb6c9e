using CnnMem.Core;
using CnnMem.Import.Spec;
using CnnMem.Inference;
using CnnMem.Memory.Cuda;
using CnnMem.Memory.Trace;
using CnnMem.Pipeline;
using CnnMem.Zoo;
using CnnMem.Memory.Storages;

namespace CnnMem.Tests.Memory.Cuda;

/// <summary>
/// Activation checkpointing on CUDA goes through the caching allocator's replay (issue 19, item 12): the forward keeps
/// only the checkpoints of the checkpointed segments, backward re-runs each segment's forward before its backward
/// (torch.utils.checkpoint), and the report's training figures, timeline and fit all come from that replay.
/// </summary>
public class CheckpointReplayTests
{
    private static MemoryOptions Cuda(int checkpoint = 0, bool amp = false) => new()
    {
        Framework = Framework.PyTorch2,
        Backend = Backend.Cuda,
        CheckpointEvery = checkpoint,
        MixedPrecision = amp,
        ZeroGrad = ZeroGradMode.Zero,
    };

    private static CnnMem.Graphs.ModelGraph Graph(string model) =>
        BuiltInModels.TryGet(model, out var spec) ? spec! : ZooModels.TryBuild(model, null, null, out var zoo) ? zoo! : throw new InvalidOperationException(model);

    private static InferenceResult Infer(string model, long batch) => Analyzer.Infer(Graph(model), new AnalysisOptions(), batch);

    [Theory]
    [InlineData("resnet18", false)]
    [InlineData("mobilenet_v2", true)]
    public void OneSegment_IsTheStepWithoutCheckpointing_ToTheByte(string model, bool amp)
    {
        // checkpointing every n (or more) nodes leaves one segment, the last, which runs as usual: nothing is dropped
        // or re-run, so every figure of the report is the plain replay's
        var graph = Graph(model);
        var nodes = StorageGraphs.Of(Infer(model, 4), Cuda(amp: amp), training: true).Nodes.Length;
        AnalysisOptions Options(int every) => new() { Batch = 4, ChartData = true, Memory = Cuda(every, amp) };
        var plain = Analyzer.Analyze(graph, Options(0)).Memory;
        foreach (var every in new[] { nodes, nodes + 5 })
        {
            var one = Analyzer.Analyze(graph, Options(every)).Memory;
            Assert.Equal(plain.Training! with { CheckpointEvery = every, Layers = one.Training!.Layers }, one.Training);
            SameRows(plain.Training.Layers, one.Training.Layers);
            Assert.Equal(plain.Device, one.Device);
            SameRows(plain.Timeline!.Steps, one.Timeline!.Steps);
            Assert.Equal(plain.Timeline with { Steps = one.Timeline.Steps }, one.Timeline);
            Assert.Equal(0, one.Training!.CheckpointSavingsBytes);
        }
    }

    private static void SameRows<T>(IReadOnlyList<T> expected, IReadOnlyList<T> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < actual.Count; i++)
        {
            Assert.True(EqualityComparer<T>.Default.Equals(expected[i], actual[i]), $"row {i}: {expected[i]} vs {actual[i]}");
        }
    }

    [Theory]
    [InlineData("resnet50", 32, "sgd")]
    [InlineData("vgg16", 32, "adam")]
    public void Checkpointing_LowersTheReplayedPeak_NeverBelowItsForward(string model, long batch, string optimizer)
    {
        var inference = Infer(model, batch);
        Assert.True(Optimizers.TryParse(optimizer, out var opt));
        var full = CudaReplay.Training(inference, Cuda() with { Optimizer = opt });
        var ckpt = CudaReplay.Training(inference, Cuda(checkpoint: -1) with { Optimizer = opt });
        Assert.True(ckpt.Fits && full.Fits);
        Assert.True(ckpt.PeakAboveStatic < full.PeakAboveStatic, $"{model}: checkpointed {ckpt.PeakAboveStatic} vs {full.PeakAboveStatic}");
        Assert.True(ckpt.ForwardPeak < full.ForwardPeak, $"{model}: forward {ckpt.ForwardPeak} vs {full.ForwardPeak}");
        Assert.True(ckpt.AfterForward < full.AfterForward);
        // the step still holds its forward, and backward starts from what the forward kept
        Assert.True(ckpt.PeakAboveStatic >= checked(ckpt.Persistent + ckpt.ForwardPeak));
        Assert.True(ckpt.BackwardPeak >= ckpt.AfterForward);
        Assert.Equal(full.StaticAllocated, ckpt.StaticAllocated);
        // under a budget between the two peaks, the checkpointed step runs where the plain one does not
        var budget = checked(ckpt.StaticAllocated + ckpt.ReservedPeak);
        if (budget < full.StaticAllocated + full.PeakAboveStatic)
        {
            Assert.False(CudaReplay.Training(inference, Cuda() with { Optimizer = opt }, budget).Fits);
        }
        Assert.True(CudaReplay.Training(inference, Cuda(checkpoint: -1) with { Optimizer = opt }, budget).Fits);
    }

    [Theory]
    [InlineData("resnet18", 3, false)]
    [InlineData("mobilenet_v2", -1, true)]
    [InlineData("seed", 2, false)]
    public void CheckpointedTrace_IsBalanced_AndReRunsEverySegment(string model, int every, bool amp)
    {
        var inference = Infer(model, 2);
        var options = Cuda(every, amp);
        var g = StorageGraphs.Of(inference, options, training: true);
        var plan = StorageGraphs.Checkpoint(inference, options)!;
        var t = new StepTraceBuilder(g, training: true, plan);
        var live = new Dictionary<int, long>();
        var n = g.Nodes.Length;
        var rerunNodes = new HashSet<int>();
        void Take()
        {
            foreach (var e in t.Events)
            {
                if (e.Op == TraceOp.Alloc)
                {
                    Assert.True(live.TryAdd(e.Id, e.Bytes), $"{model}: id {e.Id} allocated twice (step {e.Step})");
                    if (e.Step >= StepTraceBuilder.RecomputeStep(n, 0))
                    {
                        rerunNodes.Add(e.Step - StepTraceBuilder.RecomputeStep(n, 0));
                    }
                }
                else
                {
                    Assert.True(live.Remove(e.Id, out var bytes), $"{model}: id {e.Id} freed while not live (step {e.Step})");
                    Assert.Equal(bytes, e.Bytes);
                }
            }
            t.ClearEvents();
        }
        var loss = t.Forward(training: true);
        Take();
        Assert.Empty(rerunNodes);
        t.Backward(loss, gradsExist: false);
        t.DropOutputs(loss, (2 * n) + 1);
        Take();
        // what is left is the step's statics: the parameters' gradients (kept by AccumulateGrad), nothing else
        Assert.Equal(t.ParamGrads.Values.Select(p => p.Id).Order(), live.Keys.Order());
        // every checkpointed segment with a request was re-run, once, before its backward
        Assert.NotEmpty(t.Recomputations);
        Assert.Equal(t.Recomputations.Count, t.Recomputations.Select(r => r.Start).Distinct().Count());
        Assert.All(t.Recomputations, r => Assert.True(r.Start < plan.LastStart && r.End < plan.LastStart && r.Start <= r.BeforeNode && r.BeforeNode <= r.End));
        Assert.All(rerunNodes, j => Assert.True(plan.Recomputes(j)));
    }

    [Fact]
    public void ARequestOfTheReRunForward_IsNamedAsTheRecomputationOfItsNode()
    {
        var inference = Infer("resnet18", 2);
        var g = StorageGraphs.Of(inference, Cuda(checkpoint: 4), training: true);
        var n = g.Nodes.Length;
        var site = FailureSite.Of(new TraceFailure(-1, 1000, StepTraceBuilder.RecomputeStep(n, 5), 0, 0, 0), g, training: true, 1L << 30)!;
        Assert.Equal("recomputation", site.Phase);
        Assert.Equal(g.Nodes[5].Name, site.Layer);
        // the optimizer step keeps its own step, just below the re-runs
        Assert.Equal("optimizer step", FailureSite.Of(new TraceFailure(-1, 1000, (2 * n) + 1, 0, 0, 0), g, training: true, 1L << 30)!.Phase);
    }
}
