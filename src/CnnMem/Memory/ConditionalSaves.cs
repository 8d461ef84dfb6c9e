using CnnMem.Core;
using CnnMem.Ops;

namespace CnnMem.Memory;

/// <summary>
/// PyTorch's generated autograd code saves an operand of a product only when the gradient that needs it is computed:
/// for Mul, MatMul and Gemm operand i is kept only if the other operand requires grad (x * constant keeps nothing of
/// x); for Div the numerator is kept only if the denominator requires grad.
/// </summary>
public static class ConditionalSaves
{
    public static bool Keeps(string op, SavedTensor saved, IReadOnlyList<TensorInfo?> inputs, IReadOnlySet<string> requiresGrad)
    {
        if (saved.Source != SavedSource.Input || inputs.Count < 2 || saved.Index > 1)
        {
            return true;
        }
        bool Needs(int i) => inputs[i] is { } t && requiresGrad.Contains(t.Name);
        return op switch
        {
            "Mul" or "MatMul" or "Gemm" => Needs(1 - saved.Index),
            "Div" => saved.Index == 1 || Needs(1),
            _ => true,
        };
    }
}
