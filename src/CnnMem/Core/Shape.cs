using System.Collections;
using System.Collections.Immutable;

namespace CnnMem.Core;

/// <summary>An immutable tensor shape with value equality. Rank 0 is a scalar.</summary>
public sealed class Shape : IEquatable<Shape>, IReadOnlyList<Dim>
{
    private readonly ImmutableArray<Dim> _dims;

    /// <summary>A shape of the given dimensions, outermost first.</summary>
    public Shape(IEnumerable<Dim> dims) => _dims = dims.ToImmutableArray();

    /// <summary>A shape of known sizes.</summary>
    public static Shape Of(params long[] dims) => new(dims.Select(Dim.Of));

    /// <summary>A shape of the given dimensions.</summary>
    public static Shape Of(params Dim[] dims) => new(dims);

    /// <summary>The rank-0 shape of a scalar.</summary>
    public static readonly Shape Scalar = new(Array.Empty<Dim>());

    /// <summary>A shape whose rank is not known (an unsupported op's output under --allow-unknown).</summary>
    public static readonly Shape Unranked = new(Array.Empty<Dim>(), ranked: false);

    private Shape(IEnumerable<Dim> dims, bool ranked)
        : this(dims) => IsRanked = ranked;

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
    public Shape Concat(Shape other) => new(_dims.Concat(other._dims));

    /// <summary>Replaces symbols by the values bound to them; symbols not in the map stay.</summary>
    public Shape Bind(IReadOnlyDictionary<string, long> symbols) =>
        new(_dims.Select(d => d.Symbol is { } s && symbols.TryGetValue(s, out var v) ? Dim.Of(v) : d));

    /// <summary>Dims joined by 'x', e.g. <c>64x32x50x50</c>; a scalar prints as <c>scalar</c>.</summary>
    public override string ToString() => !IsRanked ? "?" : Rank == 0 ? "scalar" : string.Join("x", _dims);

    /// <summary>Same rankedness and the same dimensions.</summary>
    public bool Equals(Shape? other) => other is not null && IsRanked == other.IsRanked && _dims.SequenceEqual(other._dims);

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
