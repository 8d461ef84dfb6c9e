using System.Collections.Immutable;
using CnnMem.Memory.Liveness;
using CnnMem.Memory.Storages;

namespace CnnMem.Memory.Models;

/// <summary>
/// The forward pass as lifetimes (one per storage allocated during the pass, plus one per kernel workspace):
/// 1. a storage lives from its producer to its last reader; graph outputs to the end;
/// 2. in training, storages some op keeps for backward live to the end of the pass (backward frees them);
/// 3. in training, the loss (cross-entropy) adds its log-softmax, the loss and total_weight scalars at step n;
/// 4. under autocast, the half copies of the weights live for the whole pass;
/// 5. every size goes through <c>round</c> (identity for requested bytes, the caching allocator on a device).
/// The liveness peak of these records is the forward peak; what is live at the last step stays for backward.
/// </summary>
internal static class ForwardPass
{
    public static ImmutableArray<TensorLifetime> Lifetimes(StorageGraph g, bool training, Func<long, long> round)
    {
        var end = g.Nodes.Length;
        var saved = new StorageSet(training ? g.Storages.Length : 0);
        if (training)
        {
            foreach (var n in g.Nodes)
            {
                foreach (var id in n.Saved)
                {
                    saved.Add(id);
                }
            }
        }
        // sized exactly (one array, handed over without a copy): a large network has hundreds of thousands of lifetimes
        var count = (g.CastWeightBytes > 0 ? 1 : 0) + (training && g.LossRows > 0 ? 3 : 0);
        foreach (var s in g.Storages)
        {
            count += s.IsTransient && s.Bytes > 0 ? 1 : 0;
        }
        foreach (var n in g.Nodes)
        {
            count += n.ForwardWorkspace > 0 ? 1 : 0;
        }
        var list = ImmutableArray.CreateBuilder<TensorLifetime>(count);
        foreach (var s in g.Storages)
        {
            if (!s.IsTransient || s.Bytes <= 0)
            {
                continue;
            }
            var last = g.HeldOutputs.Contains(s.Id) || saved.Contains(s.Id) ? end : Math.Max(s.Producer, g.LastForwardReader[s.Id]);
            list.Add(new TensorLifetime(s.Name, round(s.Bytes), s.Producer, last));
        }
        foreach (var n in g.Nodes)
        {
            if (n.ForwardWorkspace <= 0)
            {
                continue;
            }
            list.Add(new TensorLifetime($"{n.Name}.workspace", round(n.ForwardWorkspace), n.Index, n.Index));
        }
        if (g.CastWeightBytes > 0)
        {
            // autocast casts each weight on first use and keeps the copy for the rest of the pass (and for backward)
            list.Add(new TensorLifetime("autocast.weights", round(g.CastWeightBytes), 0, end));
        }
        if (training && g.LossRows > 0)
        {
            var logSoftmax = checked(g.LossRows * g.LossClasses * 4);
            list.Add(new TensorLifetime("loss.log_softmax", round(logSoftmax), end, end));
            list.Add(new TensorLifetime("loss.total_weight", round(4), end, end));
            list.Add(new TensorLifetime("loss", round(4), end, end));
        }
        return list.MoveToImmutable();
    }

    /// <summary>Bytes live when the pass ends (kept for backward, the logits and the loss's tensors).</summary>
    public static long LiveAtEnd(IEnumerable<TensorLifetime> lifetimes, int end) =>
        lifetimes.Where(t => t.LastStep >= end).Aggregate(0L, (a, t) => checked(a + t.Size));
}
