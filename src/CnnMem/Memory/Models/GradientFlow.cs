using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Inference;
using CnnMem.Memory.Storages;

namespace CnnMem.Memory.Models;

/// <summary>
/// Step 4 of <see cref="StorageGraphBuilder"/>, per node: which gradients its backward makes. Each distinct
/// activation input that requires a gradient gets one (x * x reads x twice but has one); an op reading a tensor
/// that requires a gradient, or owning a trainable parameter, makes its float outputs require one.
/// </summary>
internal static class GradientFlow
{
    /// <summary>Whether autograd records this op at all: an input requires a gradient, or it owns a trainable parameter.</summary>
    internal static bool Participates(BuildState s, NodeInference n)
    {
        foreach (var i in n.Inputs)
        {
            if (i is not null && s.RequiresGrad.Contains(i.Name))
            {
                return true;
            }
        }
        return OwnsTrainableParam(s, n);
    }

    /// <summary>Whether one of the rule's own parameters (a spec layer's weight) requires a gradient.</summary>
    internal static bool OwnsTrainableParam(BuildState s, NodeInference n)
    {
        foreach (var p in n.Result.Params)
        {
            if (s.Inference.IsTrainable(p))
            {
                return true;
            }
        }
        return false;
    }

    internal static void Mark(BuildState s, int idx, ImmutableArray<GradTarget>.Builder gradInputs, ImmutableArray<string>.Builder gradOutputs)
    {
        var n = s.Inference.Nodes[idx];
        gradInputs.Clear();
        gradOutputs.Clear();
        var anyGrad = false;
        for (var k = 0; k < n.Inputs.Length; k++)
        {
            if (n.Inputs[k] is not { } i || !s.RequiresGrad.Contains(i.Name) || StorageRules.ReadEarlier(n.Inputs, k))
            {
                continue;
            }
            anyGrad = true;
            if (!s.Roles.ContainsKey(i.Name) && DTypes.IsFloat(i.DType))
            {
                // a tensor a fused kernel never materializes has no materialized gradient either
                var never = s.Map.TryGetValue(i.Name, out var id) && s.Storages[id] is { Kind: StorageKind.Activation, Bytes: 0 } && i.Elements is > 0;
                gradInputs.Add(new GradTarget(i.Name, never ? 0 : s.Precision.Bytes(i)));
            }
        }
        anyGrad = anyGrad || OwnsTrainableParam(s, n);
        if (!anyGrad)
        {
            return;
        }
        foreach (var o in n.Outputs)
        {
            if (DTypes.IsFloat(o.DType))
            {
                s.RequiresGrad.Add(o.Name);
                gradOutputs.Add(o.Name);
            }
        }
    }
}
