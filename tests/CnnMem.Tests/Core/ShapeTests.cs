using CnnMem.Ops.Elementwise;

namespace CnnMem.Tests.Core;

public class ShapeTests
{
    [Fact]
    public void Elements_IsProductOfDims() => Assert.Equal(64L * 3 * 50 * 50, Shape.Of(64, 3, 50, 50).Elements);

    [Fact]
    public void Elements_UnknownDim_IsNull() => Assert.Null(Shape.Of(Dim.Of(2), Dim.Unknown).Elements);

    [Fact]
    public void Bind_ReplacesSymbol()
    {
        var s = Shape.Of(Dim.Sym("N"), Dim.Of(3)).Bind(new Dictionary<string, long> { ["N"] = 8 });
        Assert.Equal(Shape.Of(8, 3), s);
    }

    [Fact]
    public void Elements_Overflow_Throws() => Assert.Throws<OverflowException>(() => Shape.Of(long.MaxValue, 2).Elements);

    [Theory]
    [InlineData("2x3", "3", "2x3")]
    [InlineData("2x1x4", "3x1", "2x3x4")]
    [InlineData("1", "5x6", "5x6")]
    public void Broadcast_Theory(string a, string b, string expected) =>
        Assert.Equal(expected, Broadcasting.Shapes(Parse(a), Parse(b)).ToString());

    [Fact]
    public void Broadcast_Mismatch_Throws() =>
        Assert.Throws<CnnMem.Graphs.OpException>(() => Broadcasting.Shapes(Shape.Of(2, 3), Shape.Of(4)));

    [Fact]
    public void Of_SpanAndArray_AreTheSameShape()
    {
        long[] dims = [8, 3, 50, 50];
        Assert.Equal(Shape.Of(dims), Shape.Of((ReadOnlySpan<long>)dims));
        Assert.Equal(Shape.Of(Dim.Of(8), Dim.Of(3), Dim.Of(50), Dim.Of(50)), Shape.Of((ReadOnlySpan<long>)dims));
        Assert.Equal("8x3x50x50", Shape.Of((ReadOnlySpan<long>)dims).ToString());
    }

    [Fact]
    public void Of_Array_IsCopied()
    {
        // a shape is immutable: changing the array it was made from afterwards changes nothing
        long[] sizes = [2, 3];
        Dim[] dims = [Dim.Of(2), Dim.Of(3)];
        var fromSizes = Shape.Of(sizes);
        var fromDims = Shape.Of(dims);
        sizes[0] = 7;
        dims[0] = Dim.Of(7);
        Assert.Equal("2x3", fromSizes.ToString());
        Assert.Equal("2x3", fromDims.ToString());
    }

    [Fact]
    public void Concat_And_With_KeepTheOthers()
    {
        var s = Shape.Of(2, 3);
        Assert.Equal(Shape.Of(2, 3, 4, 5), s.Concat(Shape.Of(4, 5)));
        Assert.Equal(Shape.Of(2, 9), s.With(1, Dim.Of(9)));
        Assert.Equal(Shape.Of(2, 3), s);
        Assert.Equal(Shape.Of(3), s.Skip(1));
        Assert.Equal(Shape.Of(2), s.Take(1));
    }

    [Fact]
    public void Equality_RankednessCounts() => Assert.NotEqual(Shape.Scalar, Shape.Unranked);

    private static Shape Parse(string s) => Shape.Of(s.Split('x').Select(long.Parse).ToArray());
}
