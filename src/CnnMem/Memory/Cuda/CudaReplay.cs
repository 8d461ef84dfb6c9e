using CnnMem.Inference;
using CnnMem.Memory.Allocators;
using CnnMem.Memory.Trace;
using CnnMem.Memory.Models;
using CnnMem.Memory.Profiles;
using CnnMem.Memory.Storages;

namespace CnnMem.Memory.Cuda;

/// <summary>
/// The CUDA device model: a storage graph's passes replayed as a trace through the caching allocator, the way the
/// measurements ran them (../shared/oracle/measure_gpu.py):
/// - inference: the static tensors, a warm-up forward under no_grad (its output dropped), then the measured forward
///   (or the first forward alone, from a clean cache);
/// - training: the static tensors, a warm-up step from no gradients (the optimizer's state is created in it), then
///   zero_grad (in place, or set to None) and the measured step: forward with the loss, backward, <c>del out, loss</c>,
///   the optimizer step; with activation checkpointing (<see cref="MemoryOptions.CheckpointEvery"/>) the forward keeps
///   only the checkpoints of its checkpointed segments and backward re-runs each before its backward
///   (<see cref="CheckpointSegments"/>, <see cref="StepTraceBuilder.Recompute"/>);
/// - under a budget (<c>limit</c>, what the allocator may reserve), the replay stops at the first request
///   that does not fit after the allocator released its cache (a cuDNN workspace is skipped instead).
/// </summary>
internal static class CudaReplay
{
    /// <summary>
    /// Inference: a warm-up forward then the measured one, from the warm-up's cache (a serving loop's forwards); with
    /// <paramref name="firstOnly"/> one forward from a clean cache (as a one-off run, and measure_gpu.py's fit, do it).
    /// </summary>
    public static CudaRun Inference(InferenceResult inference, MemoryOptions options, long limit = long.MaxValue, bool firstOnly = false)
    {
        var g = StorageGraphs.Of(inference, options, training: false);
        var (replay, statics) = Start(inference, g, options, limit, training: false);
        var t = new StepTraceBuilder(g, training: false);
        t.Forward(training: false);
        var measured = t.Events.Count;
        t.DropOutputs(new LossTensors(-1, -1, -1), g.Nodes.Length);
        var warm = firstOnly ? new PhasePeak(0, -1, 0, 0) : replay.Play(t.Events, 0, t.Events.Count, statics);
        var warmSkipped = replay.Skipped;
        var run = replay.Play(t.Events, 0, measured, statics);
        return new CudaRun(replay.Ok, statics, run.PeakAbove, run.PeakStep, run.EndAbove, 0, -1, 0, 0, run.PeakAbove, Math.Max(warm.ReservedPeak, run.ReservedPeak))
        {
            Failure = replay.Failure,
            SkippedWorkspaces = replay.Skipped.Count - warmSkipped.Count,
            SkippedWorkspaceBytes = replay.Skipped.Bytes - warmSkipped.Bytes,
        };
    }

    public static CudaRun Training(InferenceResult inference, MemoryOptions options, long limit = long.MaxValue) =>
        Training(inference, options, limit, StepTraceBuilder.DefaultFullAt);

    /// <summary>The training replay, played <paramref name="chunk"/> events at a time (any chunk gives the same run).</summary>
    internal static CudaRun Training(InferenceResult inference, MemoryOptions options, long limit, int chunk) =>
        Training(inference, options, limit, chunk, null);

    /// <summary>The training replay, and the allocated bytes at each step of its measured step (the memory timeline on CUDA).</summary>
    internal static (CudaRun Run, CudaStepLevels Levels) TrainingSteps(InferenceResult inference, MemoryOptions options)
    {
        var levels = new CudaStepLevels(StorageGraphs.Of(inference, options, training: true).Nodes.Length);
        return (Training(inference, options, long.MaxValue, StepTraceBuilder.DefaultFullAt, levels), levels);
    }

    private static CudaRun Training(InferenceResult inference, MemoryOptions options, long limit, int chunk, CudaStepLevels? levels)
    {
        var g = StorageGraphs.Of(inference, options, training: true);
        var (replay, statics) = Start(inference, g, options, limit, training: true);
        var t = new StepTraceBuilder(g, training: true, StorageGraphs.Checkpoint(inference, options)) { FullAt = chunk };
        var opt = new OptimizerTrace(options);
        var parameters = Parameters(g);
        var n = g.Nodes.Length;
        var stepAt = (2 * n) + 1;

        // each phase is played while it is written (PhasePlayer), a chunk at a time: a trace is never held whole
        var play = new PhasePlayer(replay, t, statics);
        WarmUp(play, t, opt, parameters, stepAt);
        if (options.EffectiveZeroGrad == ZeroGradMode.SetToNone)
        {
            t.DropParamGrads(stepAt);
        }
        play.End(t);
        var warmSkipped = replay.Skipped;
        var baseline = replay.Allocator.Allocated;
        play.Begin(baseline);
        replay.StepPeaks = levels?.Forward;
        var loss = t.Forward(training: true);
        var f = play.End(t);
        replay.StepPeaks = levels?.Backward;
        t.Recomputations.Clear();
        t.Backward(loss, gradsExist: options.EffectiveZeroGrad == ZeroGradMode.Zero);
        levels?.Recomputations.AddRange(t.Recomputations);
        t.DropOutputs(loss, stepAt);
        var b = play.End(t);
        replay.StepPeaks = levels?.Step;
        opt.Step(t, parameters, stepAt);
        var s = play.End(t);
        replay.StepPeaks = null;
        if (levels is not null)
        {
            levels.Baseline = baseline;
            levels.Statics = statics;
        }
        var persistent = baseline - statics;
        var top = Math.Max(f.PeakAbove, Math.Max(b.PeakAbove, s.PeakAbove));
        return new CudaRun(
            replay.Ok, statics, f.PeakAbove, f.PeakStep, f.EndAbove, b.PeakAbove, b.PeakStep, s.PeakAbove, persistent,
            checked(persistent + top), Math.Max(f.ReservedPeak, Math.Max(b.ReservedPeak, s.ReservedPeak)))
        {
            Failure = replay.Failure,
            SkippedWorkspaces = replay.Skipped.Count - warmSkipped.Count,
            SkippedWorkspaceBytes = replay.Skipped.Bytes - warmSkipped.Bytes,
        };
    }

    /// <summary>The first step, from no gradients (the optimizer's state is made in it), played pass by pass.</summary>
    private static void WarmUp(PhasePlayer play, StepTraceBuilder t, OptimizerTrace opt, IReadOnlyList<(string, long)> parameters, int stepAt)
    {
        var loss = t.Forward(training: true);
        play.End(t);
        t.Backward(loss, gradsExist: false);
        t.DropOutputs(loss, stepAt);
        play.End(t);
        opt.Step(t, parameters, stepAt);
    }

    /// <summary>Each trainable parameter tensor once, with its bytes, in the order backward reaches them.</summary>
    internal static List<(string Name, long Bytes)> Parameters(StorageGraph g)
    {
        var seen = new HashSet<string>(g.TrainableParamTensors, StringComparer.Ordinal);
        var list = new List<(string, long)>(g.TrainableParamTensors);
        for (var i = g.Nodes.Length - 1; i >= 0; i--)
        {
            foreach (var p in g.Nodes[i].ParamGrads)
            {
                if (seen.Add(p.Tensor))
                {
                    list.Add((p.Tensor, p.Bytes));
                }
            }
        }
        return list;
    }

    private static (TraceReplay Replay, long Statics) Start(InferenceResult inference, StorageGraph g, MemoryOptions options, long limit, bool training)
    {
        var profile = options.Profile;
        // what is live at once: in training up to every storage (saved activations, gradients); in inference the
        // static tensors and a few activations
        var expectedLive = 64;
        foreach (var st in g.Storages)
        {
            expectedLive += training || st.Kind is StorageKind.Input or StorageKind.Parameter or StorageKind.Buffer ? 1 : 0;
        }
        var allocator = new CachingAllocatorModel(profile.Allocator ?? new AllocatorProfile(), limit, options.ExpandableSegments, expectedLive);
        var id = -1;
        var ok = CudaStatics.Allocate(allocator, inference, g, options, ref id);
        var replay = new TraceReplay(allocator);
        if (!ok)
        {
            replay.Play(new[] { new TraceEvent(TraceOp.Alloc, id, FailureSite.StaticRequest, 0) }, 0, 1, 0);
        }
        return (replay, allocator.Allocated);
    }
}
