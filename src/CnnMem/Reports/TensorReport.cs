using CnnMem.Core;

namespace CnnMem.Reports;

/// <summary>A graph input or output as analysed (shape with the batch dimension, NCHW).</summary>
public sealed record TensorReport
{
    /// <summary>The tensor's name in the graph.</summary>
    public required string Name { get; init; }

    /// <summary>The shape with the batch dimension, channels-first; a dimension may be unknown.</summary>
    public required Shape Shape { get; init; }

    /// <summary>The element type.</summary>
    public required DType DType { get; init; }

    /// <summary>Elements, or null when a dimension is unknown.</summary>
    public long? Elements => Shape.Elements;

    /// <summary>Bytes (elements times the element size), or null when unknown.</summary>
    public long? Bytes => Elements is { } n ? checked(n * DTypes.SizeOf(DType)) : null;
}
