namespace CnnMem.Onnx;

/// <summary>
/// One <see cref="Shape"/> per distinct list of dims: a model's weights repeat a few shapes (every 3x3
/// conv of a width), as do declared shapes ([N,64,56,56] all through a stage), and a shape is immutable,
/// so tensors can share it.
/// </summary>
internal sealed class ShapePool
{
    private readonly Dictionary<long[], Shape> _shapes = new(SpanKeyComparer<long>.Instance);
    private readonly Dictionary<long[], Shape>.AlternateLookup<ReadOnlySpan<long>> _lookup;

    private readonly Dictionary<Dim[], Shape> _symbolic = new(DimsComparer.Instance);
    private readonly Dictionary<Dim[], Shape>.AlternateLookup<ReadOnlySpan<Dim>> _symbolicLookup;

    public ShapePool()
    {
        _lookup = _shapes.GetAlternateLookup<ReadOnlySpan<long>>();
        _symbolicLookup = _symbolic.GetAlternateLookup<ReadOnlySpan<Dim>>();
    }

    /// <summary>The shape of these dims (sizes, symbols or unknown).</summary>
    public Shape Get(ReadOnlySpan<Dim> dims)
    {
        if (!_symbolicLookup.TryGetValue(dims, out var shape))
        {
            shape = Shape.Of(dims.ToArray());
            _symbolicLookup[dims] = shape;
        }
        return shape;
    }

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
