using CnnMem.Core;
using CnnMem.Graphs;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>
/// Helpers for ONNX shape-manipulation rules: reading statically known input values (axes, pads,
/// shapes), normalizing axes, building small output values and shapes of unknown dims.
/// </summary>
internal static class ValueOps
{
    /// <summary>Values are only kept for tensors up to this many elements (see docs/ARCHITECTURE.md).</summary>
    public const int MaxElements = 1024;

    /// <summary>The known contents of input <paramref name="index"/> as integers, or null when not statically known.</summary>
    public static long[]? Ints(OpContext ctx, int index) =>
        ctx.HasInput(index) && ctx.Input(index).Value is { } v ? v.AsLongs().ToArray() : null;

    /// <summary>The known contents of input <paramref name="index"/> as doubles, or null when not statically known.</summary>
    public static double[]? Reals(OpContext ctx, int index) =>
        ctx.HasInput(index) && ctx.Input(index).Value is { } v ? v.AsDoubles().ToArray() : null;

    /// <summary>An integer list from attribute <paramref name="attr"/> when present, else from input <paramref name="index"/>'s value.
    /// <paramref name="known"/> is false when the list comes from an input whose value is not statically known.</summary>
    public static long[]? IntsFromAttrOrInput(OpContext ctx, string attr, int index, out bool known)
    {
        known = true;
        if (ctx.Attr.Ints(attr) is { } a)
        {
            return a.ToArray();
        }
        if (!ctx.HasInput(index))
        {
            return null;
        }
        var v = Ints(ctx, index);
        known = v is not null;
        return v;
    }

    /// <summary>Number of elements of a 1-D (or scalar) input from its shape, when known.</summary>
    public static long? Length(OpContext ctx, int index)
    {
        var s = ctx.InputShape(index);
        return s.Rank == 0 ? 1 : s.Rank == 1 ? s[0].Value : null;
    }

    /// <summary>Normalizes a possibly negative axis into [0, rank); throws when out of range.</summary>
    public static int Axis(long axis, int rank, string what = "axis")
    {
        OpContext.Require(axis >= -rank && axis < Math.Max(rank, 1), $"{what} {axis} is out of range for a tensor of rank {rank} (expected -{rank}..{rank - 1})");
        return (int)(axis < 0 ? axis + rank : axis);
    }

    /// <summary>Normalizes a list of axes and rejects duplicates.</summary>
    public static int[] Axes(IEnumerable<long> axes, int rank, string what = "axes")
    {
        var list = axes.Select(a => Axis(a, rank, what)).ToArray();
        OpContext.Require(list.Distinct().Count() == list.Length, $"{what} [{string.Join(",", axes)}] repeat an axis");
        return list;
    }

    /// <summary>A shape of <paramref name="rank"/> dims that depend on runtime values.</summary>
    public static Shape Unknown(int rank) => new(Enumerable.Repeat(Dim.Unknown, rank));

    /// <summary>An integer value for a tensor of <paramref name="shape"/>, or null when the tensor is too large to keep.</summary>
    public static TensorValue? IntValue(DType dtype, Shape shape, IReadOnlyCollection<long> values) =>
        shape.Elements is { } n && n <= MaxElements && n == values.Count ? TensorValue.FromInts(dtype, shape, values) : null;

    /// <summary>A value of <paramref name="dtype"/> (ints for integer/bool types, reals for floats), or null when too large.</summary>
    public static TensorValue? Value(DType dtype, Shape shape, IReadOnlyList<double> values)
    {
        if (shape.Elements is not { } n || n > MaxElements || n != values.Count)
        {
            return null;
        }
        return DTypes.IsFloat(dtype) ? TensorValue.FromReals(dtype, shape, values) : TensorValue.FromInts(dtype, shape, values.Select(v => (long)v));
    }

    /// <summary>Re-shapes a known value (Reshape, Squeeze, Unsqueeze, Flatten keep the data in order).</summary>
    public static TensorValue? Reshaped(TensorValue? v, Shape shape) =>
        v is null || !shape.IsFullyKnown || shape.Elements != v.Count ? null : v with { Shape = shape };

    /// <summary>Picks elements of a known value by flat index (gather, slice, transpose results).</summary>
    public static TensorValue? Pick(TensorValue? v, DType dtype, Shape shape, IReadOnlyList<long> flatIndices)
    {
        if (v is null || shape.Elements is not { } n || n > MaxElements || n != flatIndices.Count)
        {
            return null;
        }
        return v.Ints is { } ints
            ? TensorValue.FromInts(dtype, shape, flatIndices.Select(i => ints[(int)i]))
            : TensorValue.FromReals(dtype, shape, flatIndices.Select(i => v.Reals!.Value[(int)i]));
    }

    /// <summary>Row-major strides of a fully known shape.</summary>
    public static long[] Strides(long[] dims)
    {
        var s = new long[dims.Length];
        long acc = 1;
        for (var i = dims.Length - 1; i >= 0; i--)
        {
            s[i] = acc;
            acc = checked(acc * dims[i]);
        }
        return s;
    }

    /// <summary>Coordinates of flat index <paramref name="flat"/> in a tensor of <paramref name="dims"/>.</summary>
    public static long[] Coords(long flat, long[] dims)
    {
        var c = new long[dims.Length];
        for (var i = dims.Length - 1; i >= 0; i--)
        {
            c[i] = flat % dims[i];
            flat /= dims[i];
        }
        return c;
    }

    /// <summary>Product of dims, or null when any is not known.</summary>
    public static long? Product(IEnumerable<Dim> dims)
    {
        long n = 1;
        foreach (var d in dims)
        {
            if (d.Value is not { } v)
            {
                return null;
            }
            n = checked(n * v);
        }
        return n;
    }

    /// <summary>Multiplies a dim by a known factor; unknown stays unknown.</summary>
    public static Dim Times(Dim d, long factor) => d.Value is { } v ? Dim.Of(checked(v * factor)) : factor == 0 ? Dim.Of(0) : Dim.Unknown;

    /// <summary>Requires the model to give a list; used for clear messages on missing required inputs.</summary>
    public static T NotNull<T>(T? value, string message) where T : class => value ?? throw new OpException(message);
}
