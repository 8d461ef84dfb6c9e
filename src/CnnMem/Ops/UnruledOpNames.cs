using System.Collections.Immutable;

namespace CnnMem.Ops;

/// <summary>
/// Short names of ops that have no rule yet but reach a layer table all the same: with <c>--allow-unknown</c> an ONNX
/// GroupNormalization (opset 18) is a row of unknown figures, and the convolution folding counts it as a normalization
/// after a convolution. They join the rules' own names in <see cref="OpRegistry"/>; a rule added for one of them
/// declares its name and the row here goes.
/// </summary>
internal static class UnruledOpNames
{
    /// <summary>One row per op without a rule.</summary>
    public static ImmutableArray<OpShortName> All { get; } = [new("GroupNormalization", "GroupNorm", InGroup: "GN")];
}
