using CnnMem.Core;

namespace CnnMem.Memory;

/// <summary>
/// Autocast (mixed precision) element types: conv, linear and matmul write half precision, ops on
/// autocast's float32 list (softmax, log-softmax, norms, reductions, pow, exp) write float32, and other
/// ops follow their (half) inputs. Master weights and gradients stay float32.
/// </summary>
public static class Precision
{
    private static readonly HashSet<string> Fp32Ops = new(StringComparer.Ordinal)
    {
        "Softmax", "LogSoftmax", "LayerNormalization", "GroupNormalization", "InstanceNormalization",
        "ReduceMean", "ReduceSum", "ReduceL2", "Pow", "Exp", "Log", "Sqrt", "Div", "Erf",
    };

    /// <summary>Ops autocast runs in half precision; their weights are cast (and cached) once per forward.</summary>
    public static readonly IReadOnlySet<string> HalfOps = new HashSet<string>(StringComparer.Ordinal)
    {
        "Conv", "ConvTranspose", "Gemm", "MatMul", "Linear",
    };

    public static DType ActivationType(DType declared, string op, MemoryOptions options) =>
        !options.MixedPrecision || !DTypes.IsFloat(declared) ? declared
        : Fp32Ops.Contains(op) ? DType.Float32
        : DType.Float16;
}
