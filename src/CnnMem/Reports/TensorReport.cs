using CnnMem.Core;

namespace CnnMem.Reports;

/// <summary>A graph input or output as analysed (shape with the batch dimension, NCHW).</summary>
public sealed record TensorReport(string Name, Shape Shape, DType DType)
{
    public long? Elements => Shape.Elements;

    public long? Bytes => Elements is { } n ? checked(n * DTypes.SizeOf(DType)) : null;
}
