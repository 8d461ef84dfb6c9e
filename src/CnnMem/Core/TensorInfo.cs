namespace CnnMem.Core;

/// <summary>A named tensor's type and shape, and its contents when they are statically known.</summary>
internal sealed record TensorInfo(string Name, DType DType, Shape Shape, TensorValue? Value = null)
{
    /// <summary>Number of elements, or null when not known.</summary>
    public long? Elements => Shape.Elements;

    /// <summary>Bytes (checked), or null when not known.</summary>
    public long? Bytes => Elements is { } n ? checked(n * DTypes.SizeOf(DType)) : null;
}
