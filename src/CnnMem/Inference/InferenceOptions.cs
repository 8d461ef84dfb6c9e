using System.Collections.Immutable;
using CnnMem.Ops;

namespace CnnMem.Inference;

/// <summary>Settings for <see cref="ShapeInference"/>.</summary>
internal sealed record InferenceOptions
{
    /// <summary>Values for symbolic dims (the batch symbol, and any <c>--dim NAME=VALUE</c>).</summary>
    public ImmutableDictionary<string, long> Bindings { get; init; } = ImmutableDictionary<string, long>.Empty;

    /// <summary>When set, float graph inputs and float parameters are analysed in this dtype.</summary>
    public DType? FloatDType { get; init; }

    /// <summary>Report unsupported ops as warnings with unknown outputs instead of failing.</summary>
    public bool AllowUnknown { get; init; }

    /// <summary>Freeze and unfreeze rules over parameter and module names (see <see cref="Trainability"/>).</summary>
    public ImmutableArray<FreezeRule> Freeze { get; init; } = ImmutableArray<FreezeRule>.Empty;

    public OpRegistry Registry { get; init; } = OpRegistry.Default;
}
