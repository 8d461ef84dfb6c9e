namespace CnnMem;

/// <summary>
/// One dimension of a tensor shape: a known size, a named symbol (such as the batch <c>N</c>)
/// that is bound before analysis, or unknown (a size that depends on runtime values).
/// </summary>
public readonly record struct Dim
{
    // 16 bytes, not the 24 of a long? and a string: every tensor's shape holds an array of these. The tag is the
    // known-size marker, the symbol's name, or null for unknown (so default(Dim) is unknown); the size is 0 unless known.
    private readonly long _size;
    private readonly object? _tag;

    private static readonly object KnownTag = new();

    private Dim(long size, object? tag)
    {
        _size = size;
        _tag = tag;
    }

    /// <summary>The size, when known.</summary>
    public long? Value => ReferenceEquals(_tag, KnownTag) ? _size : null;

    /// <summary>The symbol's name when this dimension is symbolic (e.g. "N"), else null.</summary>
    public string? Symbol => _tag as string;

    /// <summary>True when the size is known.</summary>
    public bool IsKnown => ReferenceEquals(_tag, KnownTag);

    /// <summary>True when the dimension is a named symbol.</summary>
    public bool IsSymbol => _tag is string;

    /// <summary>Neither a size nor a symbol: the analysis could not determine it statically.</summary>
    public bool IsUnknown => _tag is null;

    /// <summary>A dimension of known size.</summary>
    public static Dim Of(long value) => new(value, KnownTag);

    /// <summary>A symbolic dimension (e.g. the batch "N").</summary>
    public static Dim Sym(string symbol) => new(0, symbol);

    /// <summary>A dimension whose size cannot be determined statically.</summary>
    public static readonly Dim Unknown = default;

    /// <summary>A known size.</summary>
    public static implicit operator Dim(long value) => Of(value);

    /// <summary>The size, the symbol, or "?" when unknown.</summary>
    public override string ToString() => Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Symbol ?? "?";

    /// <summary>Same size, or same symbol, or both unknown.</summary>
    public bool Equals(Dim other) => _size == other._size && (ReferenceEquals(_tag, other._tag) || (_tag is string a && other._tag is string b && a == b));

    /// <summary>A hash of the size or the symbol.</summary>
    public override int GetHashCode() => HashCode.Combine(_size, _tag is string s ? s.GetHashCode(StringComparison.Ordinal) : _tag is null ? 0 : 1);
}
