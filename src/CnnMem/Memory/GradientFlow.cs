using System.Collections.Immutable;
using CnnMem.Core;

namespace CnnMem.Memory;

/// <summary>
/// Step 4 of <see cref="StorageGraphBuilder"/>, per node: which gradients its backward makes. Each distinct
/// activation input that requires a gradient gets one (x * x reads x twice but has one); an op reading a tensor
/// that requires a gradient, or owning a trainable parameter, makes its float outputs require one.
/// </summary>
internal static class GradientFlow
{
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
                gradInputs.Add(new GradTarget(i.Name, s.Precision.Bytes(i)));
            }
        }
        foreach (var p in n.Result.Params)
        {
            if (!p.IsBuffer && n.Node.Trainable)
            {
                anyGrad = true;
            }
        }
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
