using CnnMem.Memory.Models;
using CnnMem.Memory.Storages;

namespace CnnMem.Memory.Trace;

/// <summary>
/// The backward half of <see cref="StepTraceBuilder"/>, node by node in reverse:
/// 1. the loss allocates the gradient of its log-softmax and of the logits, then frees its log-softmax and total_weight;
/// 2. a node whose outputs carry a gradient allocates its inputs' gradients (a view passes its gradient through; a
///    second gradient for a tensor is added in and freed), its parameters' gradients (kept by AccumulateGrad unless
///    they exist already, then added in and freed) and its workspace; a CUDA convolution runs its two cuDNN calls in
///    PyTorch's order instead: the input's gradient, the backward-data workspace (freed), the weight's gradient, the
///    backward-filter workspace (freed); a call whose gradient is not wanted (an image input, frozen weights) is not made;
/// 3. then its output gradients and, once their last keeper ran, the storages it kept are freed;
/// with checkpointing, a checkpointed segment's forward runs again (<see cref="StepTraceBuilder.Recompute"/>) before the
/// first of its nodes that carries a gradient, so what it saves is there for its backward.
/// </summary>
internal sealed class BackwardTraceWriter(StepTraceBuilder t, StorageGraph g, CheckpointSegments? checkpoint)
{
    private readonly List<int> transient = new();

    public void Write(LossTensors loss, bool gradsExist, Dictionary<string, (int Id, long Bytes)> paramGrads)
    {
        var n = g.Nodes.Length;
        var grads = new Dictionary<string, int>(StringComparer.Ordinal);
        if (loss.LogSoftmax >= 0 && g.LossTensor is { } logits)
        {
            var gradLs = t.NewId();
            var gradLogits = t.NewId();
            t.Alloc(gradLs, checked(g.LossRows * g.LossClasses * 4), n);
            t.Alloc(gradLogits, checked(g.LossRows * g.LossClasses * g.LossElementBytes), n);
            t.Free(gradLs, n);
            t.Free(loss.LogSoftmax, n);
            t.Free(loss.TotalWeight, n);
            grads[logits] = gradLogits;
        }
        var keepers = new int[g.Storages.Length];
        foreach (var node in g.Nodes)
        {
            foreach (var s in node.Saved)
            {
                keepers[s]++;
            }
        }
        var recomputedFrom = int.MaxValue;
        for (var i = n - 1; i >= 0; i--)
        {
            var node = g.Nodes[i];
            var step = (2 * n) - i;
            if (CarriesGradient(node, grads))
            {
                if (checkpoint is { } c && c.Recomputes(i) && c.SegmentStart(i) < recomputedFrom)
                {
                    recomputedFrom = c.SegmentStart(i);
                    t.Recompute(recomputedFrom, c.SegmentEnd(i), i);
                }
                Node(node, step, grads, gradsExist, paramGrads);
            }
            t.DropCastWeights(step, i);
            foreach (var s in node.Saved)
            {
                keepers[s]--;
                if (keepers[s] == 0 && g.Storages[s].IsTransient && !g.HeldOutputs.Contains(s))
                {
                    t.Free(s, step);
                }
            }
        }
    }

    private static bool CarriesGradient(NodeMemory node, Dictionary<string, int> grads)
    {
        foreach (var o in node.GradOutputs)
        {
            if (grads.ContainsKey(o))
            {
                return true;
            }
        }
        return false;
    }

    private void Node(NodeMemory node, int step, Dictionary<string, int> grads, bool gradsExist, Dictionary<string, (int Id, long Bytes)> paramGrads)
    {
        transient.Clear();
        InputGradients(node, step, grads);
        foreach (var p in node.ParamGrads)
        {
            var id = t.NewId();
            t.Alloc(id, p.Bytes, step);
            if (gradsExist || paramGrads.ContainsKey(p.Tensor))
            {
                transient.Add(id);
            }
            else
            {
                paramGrads[p.Tensor] = (id, p.Bytes);
            }
        }
        if (node.MakesBackwardFilterCall)
        {
            Workspace(node.BackwardFilterWorkspace, step);
        }
        if (node.BackwardDataWorkspace == 0 && node.BackwardFilterWorkspace == 0)
        {
            Workspace(node.BackwardWorkspace, step);
        }
        foreach (var id in transient)
        {
            t.Free(id, step);
        }
        foreach (var o in node.GradOutputs)
        {
            if (grads.Remove(o, out var id))
            {
                t.Free(id, step);
            }
        }
    }

    /// <summary>The gradients of the node's inputs (a view passes its own through; a second gradient for a tensor is
    /// added in and freed) and the backward-data call's workspace.</summary>
    private void InputGradients(NodeMemory node, int step, Dictionary<string, int> grads)
    {
        if (node.PassesGradThrough && node.GradInputs.Length > 0)
        {
            var through = grads[node.GradOutputs[0]];
            grads.Remove(node.GradOutputs[0]);
            var target = node.GradInputs[0].Tensor;
            if (grads.ContainsKey(target))
            {
                t.Free(through, step);
            }
            else
            {
                grads[target] = through;
            }
        }
        else
        {
            foreach (var gi in node.GradInputs)
            {
                var id = t.NewId();
                t.Alloc(id, gi.Bytes, step);
                if (grads.ContainsKey(gi.Tensor))
                {
                    transient.Add(id);
                }
                else
                {
                    grads[gi.Tensor] = id;
                }
            }
            if (node.MakesBackwardDataCall)
            {
                Workspace(node.BackwardDataWorkspace, step);
            }
        }
    }

    /// <summary>A kernel workspace: allocated and freed inside the call (optional: cuDNN falls back to a plan that needs less).</summary>
    private void Workspace(long bytes, int step)
    {
        if (bytes > 0)
        {
            var ws = t.NewId();
            t.Alloc(ws, bytes, step, optional: true);
            t.Free(ws, step);
        }
    }
}
