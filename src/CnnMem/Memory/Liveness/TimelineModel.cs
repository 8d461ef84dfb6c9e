using System.Collections.Immutable;
using CnnMem.Inference;
using CnnMem.Reports;
using CnnMem.Memory.Models;
using CnnMem.Memory.Storages;

namespace CnnMem.Memory.Liveness;

/// <summary>
/// The memory timeline of one steady-state training step, op by op, from the same storage graph and lifetimes the
/// training model uses (so its peak is the training model's steady-state peak total):
/// 1. forward: at each node, the bytes of the lifetimes live at that step (<see cref="ForwardPass"/>), then the loss;
/// 2. backward: each level <see cref="BackwardPass"/> observes (the loss's gradient, then every node with a gradient);
/// 3. the optimizer step: its temporaries;
/// every level is above the base: static tensors, gradients and optimizer state (and the CUDA context on a device).
/// Activation checkpointing recomputes segments, which this walk of requested bytes does not model (the plain model's
/// <see cref="Checkpointing"/> has no steps): the timeline is null then.
/// On CUDA the levels are the caching allocator's instead (<see cref="FromReplay"/>): blocks as it hands them out,
/// with checkpointing too (the replay re-runs the checkpointed segments).
/// </summary>
internal static class TimelineModel
{
    public static MemoryTimeline? Compute(InferenceResult inference, MemoryOptions options, TrainingMemory training, Func<long, long>? round = null, long contextBytes = 0)
    {
        if (options.CheckpointEvery != 0)
        {
            return null;
        }
        round ??= static b => b;
        var g = StorageGraphs.Of(inference, options, training: true);
        var lifetimes = ForwardPass.Lifetimes(g, training: true, round);
        var baseBytes = checked(contextBytes + training.StaticBytes + training.GradientBytes + training.OptimizerStateBytes);

        var steps = ImmutableArray.CreateBuilder<TimelineStep>();
        var forward = LiveBySteps(lifetimes, g.Nodes.Length);
        for (var s = 0; s < forward.Length; s++)
        {
            steps.Add(Step(steps.Count, InferenceModel.StepName(g, s), "forward", checked(baseBytes + forward[s])));
        }
        var after = ForwardPass.LiveAtEnd(lifetimes, g.Nodes.Length);
        BackwardPass.Run(g, after, steady: true, round, (name, level) =>
            steps.Add(Step(steps.Count, name, "backward", checked(baseBytes + level))));
        steps.Add(Step(steps.Count, "optimizer step", "optimizer", checked(baseBytes + round(training.OptimizerStepTemporaryBytes))));

        return WithPeak(baseBytes, steps);
    }

    /// <summary>
    /// The timeline of the CUDA replay's measured step (<see cref="Cuda.CudaReplay.TrainingSteps"/>), so that it shows
    /// what the summary's figures are made of: each step's level is the most the allocator counted while it ran (a
    /// step without a request keeps the level before it), above the static tensors; forward steps, then the loss's
    /// gradient and each node whose backward made a request (with checkpointing, a segment's re-run forward steps, named
    /// "(recomputed)", before the node whose backward needed them), then the optimizer step. Its peak is the training-step
    /// total of the summary (<paramref name="training"/> as the device model gives it).
    /// </summary>
    public static MemoryTimeline FromReplay(StorageGraph g, Cuda.CudaStepLevels levels, TrainingMemory training, long contextBytes)
    {
        var above = checked(contextBytes + training.StaticBytes - levels.Statics);
        var level = levels.Baseline;
        var steps = ImmutableArray.CreateBuilder<TimelineStep>();
        void Add(string name, string phase, long allocated, bool always)
        {
            if (allocated >= 0 || always)
            {
                level = allocated >= 0 ? allocated : level;
                steps.Add(Step(steps.Count, name, phase, checked(above + level)));
            }
        }
        var n = levels.Nodes;
        for (var s = 0; s <= n; s++)
        {
            Add(InferenceModel.StepName(g, s), "forward", levels.Forward[s], always: true);
        }
        Add("loss", "backward", levels.Backward[n], always: false);
        var rerun = 0;
        for (var i = n - 1; i >= 0; i--)
        {
            for (; rerun < levels.Recomputations.Count && levels.Recomputations[rerun].BeforeNode == i; rerun++)
            {
                var (_, start, end) = levels.Recomputations[rerun];
                for (var j = start; j <= end; j++)
                {
                    Add(DeviceModel.RecomputedName(g.Nodes[j].Name), "backward", levels.Backward[Trace.StepTraceBuilder.RecomputeStep(n, j)], always: false);
                }
            }
            Add(g.Nodes[i].Name, "backward", levels.Backward[(2 * n) - i], always: false);
        }
        Add("optimizer step", "optimizer", Math.Max(levels.Backward[(2 * n) + 1], levels.Step[(2 * n) + 1]), always: true);
        return WithPeak(checked(above + levels.Baseline), steps);
    }

    private static TimelineStep Step(int index, string name, string phase, long allocated) =>
        new() { Index = index, Name = name, Phase = phase, AllocatedBytes = allocated };

    /// <summary>The timeline of <paramref name="steps"/>, its peak the first step with the most bytes allocated.</summary>
    private static MemoryTimeline WithPeak(long baseBytes, ImmutableArray<TimelineStep>.Builder steps)
    {
        var peak = 0;
        for (var i = 1; i < steps.Count; i++)
        {
            if (steps[i].AllocatedBytes > steps[peak].AllocatedBytes)
            {
                peak = i;
            }
        }
        return new MemoryTimeline { BaseBytes = baseBytes, PeakIndex = peak, Steps = steps.ToImmutable() };
    }

    /// <summary>Bytes live at each step 0..<paramref name="end"/> (both inclusive), by a difference array over the lifetimes.</summary>
    private static long[] LiveBySteps(ImmutableArray<TensorLifetime> lifetimes, int end)
    {
        var delta = new long[end + 2];
        foreach (var t in lifetimes)
        {
            var first = Math.Clamp(t.FirstStep, 0, end);
            var last = Math.Clamp(t.LastStep, first, end);
            delta[first] = checked(delta[first] + t.Size);
            delta[last + 1] = checked(delta[last + 1] - t.Size);
        }
        var live = new long[end + 1];
        long level = 0;
        for (var s = 0; s <= end; s++)
        {
            level = checked(level + delta[s]);
            live[s] = level;
        }
        return live;
    }
}
