using CnnMem.Inference;
using CnnMem.Reports;
using CnnMem.Memory.Liveness;
using CnnMem.Memory.Storages;

namespace CnnMem.Memory.Models;

/// <summary>
/// Activation checkpointing (torch.utils.checkpoint_sequential semantics) over the node order, as the plain model
/// (requested bytes, the CPU profile) computes it, without a trace:
/// 1. split the nodes into segments of K (or sqrt(n) for K = -1); all but the last run without keeping anything,
///    except each segment's inputs from outside it (the checkpoints): <see cref="CheckpointSegments"/>;
/// 2. forward: liveness with only those kept;
/// 3. backward: a segment is recomputed just before its backward, so its kept tensors come back one segment at a
///    time: the backward peak is the full model's minus what checkpointing dropped plus the largest segment's kept bytes;
/// 4. the savings are the drop in the steady peak compared with no checkpointing.
/// </summary>
internal static class Checkpointing
{
    public static TrainingMemory Compute(InferenceResult inference, StorageGraph g, MemoryOptions options, Func<long, long> round)
    {
        var full = TrainingModel.Compute(inference, options with { CheckpointEvery = 0 }, round);
        var plan = CheckpointSegments.Of(g, options.CheckpointEvery);
        var segmentSaved = new Dictionary<int, long>();
        foreach (var (segment, s) in plan.Recomputed)
        {
            segmentSaved[segment] = checked(segmentSaved.GetValueOrDefault(segment) + round(g.Storages[s].Bytes));
        }
        var thinned = plan.Thinned;
        var lifetimes = ForwardPass.Lifetimes(thinned, training: true, round);
        var forward = ArenaPlanners.LowerBound(lifetimes);
        var after = ForwardPass.LiveAtEnd(lifetimes, g.Nodes.Length);
        var drop = full.AfterForwardBytes - after;
        var largest = segmentSaved.Values.DefaultIfEmpty(0).Max();
        var cold = new PassPeak(Math.Max(after, full.BackwardPeakBytes - drop + largest), full.BackwardPeakAt, 0);
        var steady = new PassPeak(Math.Max(after, full.SteadyBackwardPeakBytes - drop + largest), full.BackwardPeakAt, 0);
        var result = TrainingModel.Assemble(thinned, options, forward.Bytes, InferenceModel.StepName(g, forward.Step), after, cold, steady, round);
        return result with
        {
            CheckpointEvery = plan.Length,
            CheckpointSavingsBytes = full.SteadyPeakBytes - result.SteadyPeakBytes,
        };
    }
}
