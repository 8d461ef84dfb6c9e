using CsCheck;

namespace CnnMem.Tests.Core;

/// <summary>Dim packs a size, a symbol or nothing into 16 bytes: equality and the properties must read as the three cases.</summary>
public class DimTests
{
    public static TheoryData<Dim, Dim, bool> Pairs => new()
    {
        { Dim.Of(0), Dim.Unknown, false },
        { Dim.Of(0), Dim.Of(0), true },
        { Dim.Of(3), Dim.Of(4), false },
        { Dim.Sym("N"), Dim.Sym(new string('N', 1)), true },
        { Dim.Sym("N"), Dim.Sym("M"), false },
        { Dim.Sym("N"), Dim.Of(0), false },
        { Dim.Sym("N"), Dim.Unknown, false },
        { default, Dim.Unknown, true },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Equality_Theory(Dim a, Dim b, bool equal)
    {
        Assert.Equal(equal, a.Equals(b));
        Assert.Equal(equal, a == b);
        Assert.Equal(equal, b.Equals(a));
        if (equal)
        {
            Assert.Equal(a.GetHashCode(), b.GetHashCode());
        }
    }

    [Fact]
    public void Default_IsUnknown()
    {
        Dim d = default;
        Assert.True(d.IsUnknown);
        Assert.False(d.IsKnown);
        Assert.False(d.IsSymbol);
        Assert.Null(d.Value);
        Assert.Null(d.Symbol);
        Assert.Equal("?", d.ToString());
    }

    [Fact]
    public void KnownSize_ReadsBack() =>
        Gen.Long.Sample(v =>
        {
            var d = Dim.Of(v);
            Assert.True(d.IsKnown);
            Assert.False(d.IsSymbol || d.IsUnknown);
            Assert.Equal(v, d.Value);
            Assert.Null(d.Symbol);
            Assert.Equal(Dim.Of(v), d);
        });

    [Fact]
    public void Symbol_ReadsBack() =>
        Gen.Char["ABNhw_01"].Array[1, 6].Select(cs => new string(cs)).Sample(s =>
        {
            var d = Dim.Sym(s);
            Assert.True(d.IsSymbol);
            Assert.False(d.IsKnown || d.IsUnknown);
            Assert.Null(d.Value);
            Assert.Equal(s, d.Symbol);
            Assert.Equal(s, d.ToString());
        });

    [Fact]
    public void Sizes_AreEqualOnlyWhenTheValuesAre() =>
        Gen.Select(Gen.Long[-3, 3], Gen.Long[-3, 3]).Sample((a, b) => Assert.Equal(a == b, Dim.Of(a) == Dim.Of(b)));
}
