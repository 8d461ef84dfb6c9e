using CnnMem.Core;
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

    private static Shape Parse(string s) => Shape.Of(s.Split('x').Select(long.Parse).ToArray());
}
