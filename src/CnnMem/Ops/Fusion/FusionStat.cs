namespace CnnMem.Ops.Fusion;

/// <summary>
/// A tensor the fused op keeps for backward that the decomposition never makes (LayerNorm's mean and rstd): named
/// <c>{node}.{Suffix}</c> after the node labelled <see cref="NamedAfter"/>, of type <see cref="DType"/> and of the
/// shape of <see cref="ShapeOf"/> (without its last axis when <see cref="DropLastAxis"/>).
/// </summary>
internal sealed record FusionStat(string Suffix, string NamedAfter, TensorRef ShapeOf, bool DropLastAxis = false)
{
    public DType DType { get; init; } = DType.Float32;
}
