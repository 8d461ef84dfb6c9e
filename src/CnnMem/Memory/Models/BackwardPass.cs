using CnnMem.Memory.Liveness;
using CnnMem.Memory.Storages;

namespace CnnMem.Memory.Models;

/// <summary>
/// Backward in reverse node order, starting from what the forward left live:
/// 1. the loss allocates the gradient of its log-softmax and of the logits, then frees its own tensors;
/// 2. a node whose outputs carry a gradient allocates its inputs' gradients (views pass theirs through;
///    a second gradient for the same tensor is added in and freed), its parameters' gradients (cold step:
///    they stay, AccumulateGrad steals them; steady state: added into the existing .grad and freed) and
///    its kernel workspace; the peak is taken here;
/// 3. then its output gradients are consumed and freed, and each storage it kept is freed once the last
///    node keeping it has run (graph outputs stay, held by the caller).
/// </summary>
internal static class BackwardPass
{
    /// <summary>The backward pass of <paramref name="g"/>; <paramref name="step"/> is told the level of each step as it is observed (the loss, then each node with a gradient): the memory timeline.</summary>
    public static PassPeak Run(StorageGraph g, long afterForward, bool steady, Func<long, long> round, Action<string, long>? step = null)
    {
        var w = new Walk(afterForward, round, step);
        var grads = new Dictionary<string, long>(StringComparer.Ordinal);
        if (g.LossRows > 0 && g.LossTensor is { } logits)
        {
            var gradLogSoftmax = round(checked(g.LossRows * g.LossClasses * 4));
            var gradLogits = round(checked(g.LossRows * g.LossClasses * g.LossElementBytes));
            w.Observe(checked(w.Live + gradLogSoftmax + gradLogits), "loss");
            w.Live = checked(w.Live + gradLogits - round(checked(g.LossRows * g.LossClasses * 4)) - round(4));
            grads[logits] = gradLogits;
        }

        var keepers = new int[g.Storages.Length];
        foreach (var n in g.Nodes)
        {
            foreach (var s in n.Saved)
            {
                keepers[s]++;
            }
        }
        var paramDone = new HashSet<string>(g.TrainableParamTensors, StringComparer.Ordinal);
        for (var i = g.Nodes.Length - 1; i >= 0; i--)
        {
            var n = g.Nodes[i];
            if (AnyPending(n.GradOutputs, grads))
            {
                NodeBackward(n, grads, paramDone, steady, w);
            }
            foreach (var s in n.Saved)
            {
                keepers[s]--;
                var storage = g.Storages[s];
                if (keepers[s] == 0 && storage.IsTransient && !g.HeldOutputs.Contains(s))
                {
                    w.Live -= round(storage.Bytes);
                }
            }
        }
        return new PassPeak(w.Peak, w.At, w.Live);
    }

    /// <summary>Step 2 for one node: its inputs' and parameters' gradients and workspace (the peak), then its output gradients go.</summary>
    private static void NodeBackward(NodeMemory n, Dictionary<string, long> grads, HashSet<string> paramDone, bool steady, Walk w)
    {
        long alloc = 0, transient = 0;
        if (n.PassesGradThrough && n.GradInputs.Length > 0)
        {
            var through = grads.GetValueOrDefault(n.GradOutputs[0]);
            grads.Remove(n.GradOutputs[0]);
            var target = n.GradInputs[0].Tensor;
            if (grads.ContainsKey(target))
            {
                w.Live -= through; // added into the existing gradient, then freed
            }
            else
            {
                grads[target] = through;
            }
        }
        else
        {
            foreach (var t in n.GradInputs)
            {
                var b = w.Round(t.Bytes);
                if (grads.ContainsKey(t.Tensor))
                {
                    transient = checked(transient + b);
                }
                else
                {
                    alloc = checked(alloc + b);
                    grads[t.Tensor] = b;
                }
            }
        }
        foreach (var p in n.ParamGrads)
        {
            var b = w.Round(p.Bytes);
            if (!steady && paramDone.Add(p.Tensor))
            {
                alloc = checked(alloc + b);
            }
            else
            {
                transient = checked(transient + b);
            }
        }
        w.Observe(checked(w.Live + alloc + transient + w.Round(n.BackwardWorkspace)), n.Name);
        w.Live = checked(w.Live + alloc);
        foreach (var o in n.GradOutputs)
        {
            if (grads.Remove(o, out var b))
            {
                w.Live -= b;
            }
        }
    }

    /// <summary>What the walk has live, its peak so far and where, and the caller's rounding and timeline observer.</summary>
    private sealed class Walk(long live, Func<long, long> round, Action<string, long>? step)
    {
        public long Live { get; set; } = live;

        public long Peak { get; private set; } = live;

        public string At { get; private set; } = "forward";

        public Func<long, long> Round => round;

        public void Observe(long level, string where)
        {
            step?.Invoke(where, level);
            if (level > Peak)
            {
                Peak = level;
                At = where;
            }
        }
    }

    /// <summary>True when a gradient of one of these outputs has arrived (a loop: a delegate per node was most of this pass's garbage).</summary>
    private static bool AnyPending(System.Collections.Immutable.ImmutableArray<string> outputs, Dictionary<string, long> grads)
    {
        foreach (var o in outputs)
        {
            if (grads.ContainsKey(o))
            {
                return true;
            }
        }
        return false;
    }
}
