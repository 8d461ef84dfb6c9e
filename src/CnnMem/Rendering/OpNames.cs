using System.Collections.Frozen;

namespace CnnMem.Rendering;

/// <summary>Shorter op names for people's tables (torchinfo's style: BatchNorm, not BatchNormalization); JSON and CSV keep the canonical names.</summary>
internal static class OpNames
{
    private static readonly FrozenDictionary<string, string> Short = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["BatchNormalization"] = "BatchNorm",
        ["InstanceNormalization"] = "InstanceNorm",
        ["LayerNormalization"] = "LayerNorm",
        ["GroupNormalization"] = "GroupNorm",
        ["GlobalAveragePool"] = "GlobalAvgPool",
        ["AveragePool"] = "AvgPool",
        ["AdaptiveAvgPool"] = "AdaptiveAvgPool",
        ["MeanVarianceNormalization"] = "MVN",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Shorter still inside a folded group's name: Conv+BN+Relu.</summary>
    private static readonly FrozenDictionary<string, string> InGroup = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["BatchNormalization"] = "BN",
        ["InstanceNormalization"] = "IN",
        ["LayerNormalization"] = "LN",
        ["GroupNormalization"] = "GN",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The short name; a folded group's "Conv+BatchNormalization+Relu" part by part.</summary>
    public static string Display(string op) =>
        op.Contains('+', StringComparison.Ordinal) ? string.Join('+', op.Split('+').Select(p => InGroup.TryGetValue(p, out var g) ? g : Display(p)))
        : Short.TryGetValue(op, out var s) ? s : op;
}
