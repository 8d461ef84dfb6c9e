using CnnMem.Core;

namespace CnnMem.Onnx;

/// <summary>
/// One <see cref="Shape"/> per distinct list of fixed dims: a model's weights repeat a few shapes
/// (every 3x3 conv of a width), and a shape is immutable, so initializers can share it.
/// </summary>
internal sealed class ShapePool
{
    private readonly Dictionary<long[], Shape> _shapes = new(SpanKeyComparer<long>.Instance);
    private readonly Dictionary<long[], Shape>.AlternateLookup<ReadOnlySpan<long>> _lookup;

    public ShapePool() => _lookup = _shapes.GetAlternateLookup<ReadOnlySpan<long>>();

    /// <summary>The shape of these dims (which the caller has checked are not negative).</summary>
    public Shape Get(ReadOnlySpan<long> dims)
    {
        if (_lookup.TryGetValue(dims, out var shape))
        {
            return shape;
        }
        var d = new Dim[dims.Length];
        for (var i = 0; i < d.Length; i++)
        {
            d[i] = Dim.Of(dims[i]);
        }
        shape = Shape.Of(d);
        _lookup[dims] = shape;
        return shape;
    }
}
