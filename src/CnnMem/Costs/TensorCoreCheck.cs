using CnnMem.Core;
using CnnMem.Inference;

namespace CnnMem.Costs;

/// <summary>
/// Tensor cores run half-precision convolutions and matrix products at full speed only when channel
/// (feature) counts are multiples of 8; others are padded or fall back to slower kernels.
/// </summary>
internal static class TensorCoreCheck
{
    public static IEnumerable<string> Warnings(InferenceResult inference, DType dtype)
    {
        if (!DTypes.IsHalf(dtype))
        {
            yield break;
        }
        foreach (var n in inference.Nodes)
        {
            // the rule declares which axis tensor-core kernels tile (conv: channels; matrix products: features)
            if (n.Result.TensorCoreAxis is not { } axis)
            {
                continue;
            }
            var input = n.Inputs.Length > 0 ? n.Inputs[0] : null;
            var output = n.Outputs.Length > 0 ? n.Outputs[0] : null;
            var cin = Channel(input?.Shape, axis);
            var cout = Channel(output?.Shape, axis);
            var badIn = cin is { } a && a % 8 != 0;
            var badOut = cout is { } b && b % 8 != 0;
            if (badIn || badOut)
            {
                // the list only for a node that warns: most convolutions are aligned
                var bad = new List<string>(2);
                if (badIn)
                {
                    bad.Add($"{cin} input channels");
                }
                if (badOut)
                {
                    bad.Add($"{cout} output channels");
                }
                yield return $"{n.Node.Name}: {string.Join(" and ", bad)} {(bad.Count == 1 && !bad[0].StartsWith("1 ", StringComparison.Ordinal) ? "is" : "are")} not a multiple of 8; {DTypes.Name(dtype)} tensor-core kernels pad or fall back to slower ones";
            }
        }
    }

    private static long? Channel(Shape? shape, int axis)
    {
        if (shape is null || !shape.IsRanked || shape.Rank < 2)
        {
            return null;
        }
        var d = axis < 0 ? shape[shape.Rank - 1] : shape[axis];
        return d.Value;
    }
}
