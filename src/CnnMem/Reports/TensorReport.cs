using CnnMem.Core;

namespace CnnMem.Reports;

/// <summary>A graph input or output as analysed (shape with the batch dimension, NCHW).</summary>
public sealed record TensorReport(string Name, Shape Shape, DType DType)
{
    /// <summary>Elements, or null when a dimension is unknown.</summary>
    public long? Elements => Shape.Elements;

    /// <summary>Bytes (elements times the element size), or null when unknown.</summary>
    public long? Bytes => Elements is { } n ? checked(n * DTypes.SizeOf(DType)) : null;
}
