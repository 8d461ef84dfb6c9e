using System.Collections;
using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace CnnMem;

/// <summary>An immutable tensor shape with value equality. Rank 0 is a scalar.</summary>
public sealed class Shape : IEquatable<Shape>, IReadOnlyList<Dim>
{
    private readonly ImmutableArray<Dim> _dims;

    /// <summary>A shape of the given dimensions, outermost first.</summary>
    public Shape(IEnumerable<Dim> dims) => _dims = dims.ToImmutableArray();

    // shapes are made for every tensor of every node: the factories below build the array once and keep it
    private Shape(ImmutableArray<Dim> dims, bool ranked = true)
    {
        _dims = dims;
        IsRanked = ranked;
    }

    /// <summary>A shape of known sizes.</summary>
    public static Shape Of(params long[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        return Of((ReadOnlySpan<long>)dims);
    }

    /// <summary>A shape of known sizes.</summary>
    public static Shape Of(ReadOnlySpan<long> dims)
    {
        var array = new Dim[dims.Length];
        for (var i = 0; i < array.Length; i++)
        {
            array[i] = Dim.Of(dims[i]);
        }
        return Own(array);
    }

    /// <summary>A shape of the given dimensions.</summary>
    public static Shape Of(params Dim[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        return new(ImmutableArray.Create(dims));
    }

    /// <summary>A shape that takes <paramref name="dims"/> as its own, without a copy: the caller must not change it afterwards.</summary>
    internal static Shape Own(Dim[] dims) => new(ImmutableCollectionsMarshal.AsImmutableArray(dims));

    /// <summary>The rank-0 shape of a scalar.</summary>
    public static readonly Shape Scalar = new(ImmutableArray<Dim>.Empty);

    /// <summary>A shape whose rank is not known (an unsupported op's output under --allow-unknown).</summary>
    public static readonly Shape Unranked = new(ImmutableArray<Dim>.Empty, ranked: false);

    /// <summary>False only for <see cref="Unranked"/>.</summary>
    public bool IsRanked { get; } = true;

    /// <summary>The number of dimensions.</summary>
    public int Rank => _dims.Length;

    /// <summary>The number of dimensions (as a list).</summary>
    public int Count => _dims.Length;

    /// <summary>The dimension at <paramref name="index"/>.</summary>
    public Dim this[int index] => _dims[index];

    /// <summary>The dimensions, outermost first.</summary>
    public ImmutableArray<Dim> Dims => _dims;

    /// <summary>True when every dimension has a known size.</summary>
    public bool IsFullyKnown
    {
        get
        {
            if (!IsRanked)
            {
                return false;
            }
            foreach (var d in _dims)
            {
                if (!d.IsKnown)
                {
                    return false;
                }
            }
            return true;
        }
    }

    /// <summary>Known sizes; throws when a dimension is not known.</summary>
    public long[] ToLongs()
    {
        // a plain loop: called per node by the memory model, where LINQ's iterators were a large share of the garbage
        var values = new long[_dims.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = _dims[i].Value ?? throw new InvalidOperationException($"shape {this} has a dimension that is not known");
        }
        return values;
    }

    /// <summary>Number of elements (checked), or null when a dimension is not known.</summary>
    public long? Elements
    {
        get
        {
            if (!IsRanked)
            {
                return null;
            }
            long n = 1;
            foreach (var d in _dims)
            {
                if (!d.IsKnown)
                {
                    return null;
                }
                n = checked(n * d.Value!.Value);
            }
            return n;
        }
    }

    /// <summary>This shape with dimension <paramref name="index"/> replaced.</summary>
    public Shape With(int index, Dim dim) => new(_dims.SetItem(index, dim));

    /// <summary>The dimensions after the first <paramref name="count"/>.</summary>
    public Shape Skip(int count) => new(_dims.Skip(count));

    /// <summary>The first <paramref name="count"/> dimensions.</summary>
    public Shape Take(int count) => new(_dims.Take(count));

    /// <summary>This shape followed by <paramref name="other"/>'s dimensions.</summary>
    public Shape Concat(Shape other) => new(_dims.AddRange(other._dims));

    /// <summary>Replaces symbols by the values bound to them; symbols not in the map stay.</summary>
    public Shape Bind(IReadOnlyDictionary<string, long> symbols)
    {
        var dims = new Dim[_dims.Length];
        for (var i = 0; i < dims.Length; i++)
        {
            var d = _dims[i];
            dims[i] = d.Symbol is { } s && symbols.TryGetValue(s, out var v) ? Dim.Of(v) : d;
        }
        return Own(dims);
    }

    /// <summary>Dims joined by 'x', e.g. <c>64x32x50x50</c>; a scalar prints as <c>scalar</c>.</summary>
    public override string ToString() => !IsRanked ? "?" : Rank == 0 ? "scalar" : string.Join("x", _dims);

    /// <summary>Same rankedness and the same dimensions.</summary>
    public bool Equals(Shape? other) =>
        ReferenceEquals(this, other) || (other is not null && IsRanked == other.IsRanked && _dims.AsSpan().SequenceEqual(other._dims.AsSpan()));

    /// <summary>Value equality with another <see cref="Shape"/>.</summary>
    public override bool Equals(object? obj) => obj is Shape s && Equals(s);

    /// <summary>A hash of the dimensions.</summary>
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var d in _dims)
        {
            h.Add(d);
        }
        return h.ToHashCode();
    }

    /// <summary>The dimensions, outermost first.</summary>
    public IEnumerator<Dim> GetEnumerator() => ((IEnumerable<Dim>)_dims).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
