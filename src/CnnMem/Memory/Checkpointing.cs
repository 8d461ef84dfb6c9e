using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Inference;
using CnnMem.Reports;

namespace CnnMem.Memory;

/// <summary>
/// Activation checkpointing (torch.utils.checkpoint_sequential semantics) over the node order:
/// 1. split the nodes into segments of K (or sqrt(n) for K = -1); all but the last run without keeping anything,
///    except each segment's inputs from outside it (the checkpoints);
/// 2. forward: liveness with only those kept;
/// 3. backward: a segment is recomputed just before its backward, so its kept tensors come back one segment at a
///    time: the backward peak is the full model's minus what checkpointing dropped plus the largest segment's kept bytes;
/// 4. the savings are the drop in the steady peak compared with no checkpointing.
/// </summary>
internal static class Checkpointing
{
    public static int SegmentLength(int nodes, int every) =>
        every > 0 ? every : Math.Max(1, (int)Math.Ceiling(Math.Sqrt(nodes)));

    public static TrainingMemory Compute(InferenceResult inference, StorageGraph g, MemoryOptions options, Func<long, long> round)
    {
        var full = TrainingModel.Compute(inference, options with { CheckpointEvery = 0 }, round);
        var k = SegmentLength(g.Nodes.Length, options.CheckpointEvery);
        var lastSegmentStart = (g.Nodes.Length - 1) / k * k;
        var segmentSaved = new Dictionary<int, long>();
        var kept = new HashSet<int>();
        var dropped = new HashSet<int>();
        for (var i = 0; i < g.Nodes.Length; i++)
        {
            var n = g.Nodes[i];
            if (i >= lastSegmentStart)
            {
                kept.UnionWith(n.Saved);
                continue;
            }
            var segment = i / k;
            foreach (var s in n.Saved.Where(s => g.Storages[s].IsTransient))
            {
                if (dropped.Add(s))
                {
                    segmentSaved[segment] = checked(segmentSaved.GetValueOrDefault(segment) + round(g.Storages[s].Bytes));
                }
            }
            // the checkpoint: tensors produced before this segment that it reads
            foreach (var s in n.Saved.Where(s => g.Storages[s].Producer < segment * k))
            {
                kept.Add(s);
            }
        }
        dropped.ExceptWith(kept);
        var thinned = g with
        {
            Nodes = g.Nodes.Select(n => n with { Saved = n.Saved.Where(s => !dropped.Contains(s)).ToImmutableArray() }).ToImmutableArray(),
        };
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
            CheckpointEvery = k,
            CheckpointSavingsBytes = full.SteadyPeakBytes - result.SteadyPeakBytes,
        };
    }
}
