using CnnMem.Core;

namespace CnnMem.Ops.Elementwise;

/// <summary>Checks of <see cref="InputKind"/>.</summary>
internal static class InputKinds
{
    public static bool Accepts(InputKind kind, DType t) => kind switch
    {
        InputKind.Float => DTypes.IsFloat(t),
        InputKind.Numeric => DTypes.IsFloat(t) || DTypes.IsInteger(t),
        InputKind.Integer => DTypes.IsInteger(t),
        InputKind.Bool => t == DType.Bool,
        _ => true,
    };

    public static string Describe(InputKind kind) => kind switch
    {
        InputKind.Float => "a floating point",
        InputKind.Numeric => "a numeric",
        InputKind.Integer => "an integer",
        InputKind.Bool => "a bool",
        _ => "any",
    };

    /// <summary>Throws an OpException naming the tensor and its type unless it is accepted.</summary>
    public static void Require(InputKind kind, TensorInfo t) =>
        ElementwiseTypes.Require(t, d => Accepts(kind, d), Describe(kind));
}
