namespace CnnMem.Ops.Elementwise;

/// <summary>
/// One row of an activation table: the canonical op, what its PyTorch backward keeps, whether
/// PyTorch has an in-place variant, and a rough count of floating point operations per element.
/// </summary>
internal sealed record ActivationInfo(string Op, BackwardKeeps Keeps, bool InPlace, long FlopsPerElement);
