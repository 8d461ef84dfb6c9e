namespace CnnMem.Ops.Elementwise;

/// <summary>Non-MAC floating point work of element-wise ops.</summary>
internal static class ElementwiseCost
{
    /// <summary>Per-element cost times the number of elements; 0 when the shape is not fully known.</summary>
    public static long Flops(Shape shape, long perElement) =>
        shape.Elements is { } n ? checked(n * perElement) : 0;
}
