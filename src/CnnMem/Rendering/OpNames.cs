using CnnMem.Ops;

namespace CnnMem.Rendering;

/// <summary>
/// Shorter op names for people's tables (torchinfo's style: BatchNorm, not BatchNormalization), as the op rules declare
/// them (<see cref="IOpRule.ShortNames"/>, read through <see cref="OpRegistry"/>); JSON and CSV keep the canonical names.
/// </summary>
internal static class OpNames
{
    /// <summary>The short name; a folded group's "Conv+BatchNormalization+Relu" part by part ("Conv+BN+Relu").</summary>
    public static string Display(string op) =>
        op.Contains('+', StringComparison.Ordinal)
            ? string.Join('+', op.Split('+').Select(OpRegistry.Default.InGroupName))
            : OpRegistry.Default.ShortName(op);
}
