namespace CnnMem.Core;

/// <summary>
/// One dimension of a tensor shape: a known size, a named symbol (such as the batch <c>N</c>)
/// that is bound before analysis, or unknown (a size that depends on runtime values).
/// </summary>
public readonly record struct Dim
{
    private Dim(long? value, string? symbol)
    {
        Value = value;
        Symbol = symbol;
    }

    /// <summary>The size, when known.</summary>
    public long? Value { get; }

    /// <summary>The symbol's name when this dimension is symbolic (e.g. "N"), else null.</summary>
    public string? Symbol { get; }

    /// <summary>True when the size is known.</summary>
    public bool IsKnown => Value.HasValue;

    /// <summary>True when the dimension is a named symbol.</summary>
    public bool IsSymbol => Symbol is not null;

    /// <summary>Neither a size nor a symbol: the analysis could not determine it statically.</summary>
    public bool IsUnknown => !Value.HasValue && Symbol is null;

    /// <summary>A dimension of known size.</summary>
    public static Dim Of(long value) => new(value, null);

    /// <summary>A symbolic dimension (e.g. the batch "N").</summary>
    public static Dim Sym(string symbol) => new(null, symbol);

    /// <summary>A dimension whose size cannot be determined statically.</summary>
    public static readonly Dim Unknown = new(null, null);

    /// <summary>A known size.</summary>
    public static implicit operator Dim(long value) => Of(value);

    /// <summary>The size, the symbol, or "?" when unknown.</summary>
    public override string ToString() => Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Symbol ?? "?";
}
