using System.Collections.Immutable;
using CnnMem.Core;

namespace CnnMem.Graphs;

/// <summary>One attribute value. Exactly the member matching <see cref="Kind"/> is meaningful.</summary>
internal sealed record AttrValue(AttrKind Kind)
{
    public long Int { get; init; }
    public double Float { get; init; }
    public string Str { get; init; } = "";
    public ImmutableArray<long> Ints { get; init; } = ImmutableArray<long>.Empty;
    public ImmutableArray<double> Floats { get; init; } = ImmutableArray<double>.Empty;
    public ImmutableArray<string> Strings { get; init; } = ImmutableArray<string>.Empty;
    public TensorInfo? Tensor { get; init; }

    public static AttrValue Of(long v) => new(AttrKind.Int) { Int = v };
    public static AttrValue Of(double v) => new(AttrKind.Float) { Float = v };
    public static AttrValue Of(string v) => new(AttrKind.String) { Str = v };
    public static AttrValue Of(IEnumerable<long> v) => new(AttrKind.Ints) { Ints = v.ToImmutableArray() };
    public static AttrValue Of(IEnumerable<double> v) => new(AttrKind.Floats) { Floats = v.ToImmutableArray() };
    public static AttrValue Of(IEnumerable<string> v) => new(AttrKind.Strings) { Strings = v.ToImmutableArray() };
    public static AttrValue Of(TensorInfo v) => new(AttrKind.Tensor) { Tensor = v };

    public override string ToString() => Kind switch
    {
        AttrKind.Int => Int.ToString(System.Globalization.CultureInfo.InvariantCulture),
        AttrKind.Float => Float.ToString(System.Globalization.CultureInfo.InvariantCulture),
        AttrKind.String => Str,
        AttrKind.Ints => "[" + string.Join(",", Ints) + "]",
        AttrKind.Floats => "[" + string.Join(",", Floats) + "]",
        AttrKind.Strings => "[" + string.Join(",", Strings) + "]",
        AttrKind.Tensor => $"tensor {Tensor?.Shape}",
        _ => Kind.ToString(),
    };
}
