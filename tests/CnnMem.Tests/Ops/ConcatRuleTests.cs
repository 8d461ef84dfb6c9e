using CnnMem.Core;
using CnnMem.Graphs;
using CnnMem.Ops;
using CnnMem.Ops.Rules;
using static CnnMem.Tests.Ops.ElementwiseTestKit;

namespace CnnMem.Tests.Ops;

public class ConcatRuleTests
{
    [Theory]
    [InlineData(new[] { "1x64x56x56", "1x32x56x56" }, 1L, "1x96x56x56")]
    [InlineData(new[] { "1x64x56x56", "1x32x56x56", "1x8x56x56" }, 1L, "1x104x56x56")]
    [InlineData(new[] { "2x3", "5x3" }, 0L, "7x3")]
    [InlineData(new[] { "2x3", "2x4" }, -1L, "2x7")]
    [InlineData(new[] { "Nx3", "Nx4" }, 1L, "Nx7")]
    [InlineData(new[] { "?x3", "2x4" }, 1L, "2x7")]
    [InlineData(new[] { "2x?", "2x4" }, 1L, "2x?")]
    [InlineData(new[] { "1x197x768" }, 1L, "1x197x768")]
    public void Concat_InfersShape(string[] shapes, long axis, string expected)
    {
        var inputs = shapes.Select((s, i) => (TensorInfo?)T($"x{i}", s)).ToList();
        var r = new ConcatRule().Infer(Ctx("Concat", inputs, Attr("axis", axis), 13));
        Assert.Equal(Parse(expected), r.Outputs[0].Shape);
        Assert.Empty(r.Saved);
        Assert.False(r.CountsInTextbookSum);
    }

    [Fact]
    public void Concat_ShapeVectors_ConcatenatesValues()
    {
        var r = new ConcatRule().Infer(Ctx("Concat", new[] { Ints("a", new long[] { 1 }), Ints("b", new long[] { -1 }) }, Attr("axis", 0), 13));
        Assert.Equal(new long[] { 1, -1 }, r.Outputs[0].Value!.Ints!.Value);
        Assert.Equal(Shape.Of(2), r.Outputs[0].Value!.Shape);
    }

    [Fact]
    public void Concat_2DValuesAlongAxis1_Interleaves()
    {
        var a = Ints("a", new long[] { 1, 2, 3, 4 }, "2x2");
        var b = Ints("b", new long[] { 5, 6 }, "2x1");
        var r = new ConcatRule().Infer(Ctx("Concat", new[] { a, b }, Attr("axis", 1), 13));
        Assert.Equal(new long[] { 1, 2, 5, 3, 4, 6 }, r.Outputs[0].Value!.Ints!.Value);
    }

    [Fact]
    public void Concat_OneValueUnknown_HasNoValue() =>
        Assert.Null(new ConcatRule().Infer(Ctx("Concat", new[] { Ints("a", new long[] { 1 }), T("b", "1", DType.Int64) }, Attr("axis", 0), 13)).Outputs[0].Value);

    [Theory]
    [InlineData(2L)]
    [InlineData(-3L)]
    public void Concat_AxisOutOfRange_Fails(long axis)
    {
        var e = Assert.Throws<OpException>(() => new ConcatRule().Infer(Ctx("Concat", new[] { T("a", "2x3"), T("b", "2x3") }, Attr("axis", axis), 13)));
        Assert.Contains("[-2, 1]", e.Message);
    }

    [Fact]
    public void Concat_OtherDimsDisagree_Fails()
    {
        var e = Assert.Throws<OpException>(() => new ConcatRule().Infer(Ctx("Concat", new[] { T("a", "1x8x4x4"), T("b", "1x8x5x5") }, Attr("axis", 1), 13)));
        Assert.Contains("dim 2", e.Message);
    }

    [Fact]
    public void Concat_RanksDiffer_Fails() =>
        Assert.Throws<OpException>(() => new ConcatRule().Infer(Ctx("Concat", new[] { T("a", "2x3"), T("b", "3") }, Attr("axis", 0), 13)));

    [Fact]
    public void Concat_TypesDiffer_Fails() =>
        Assert.Throws<OpException>(() => new ConcatRule().Infer(Ctx("Concat", new[] { T("a", "3", DType.Int64), T("b", "3") }, Attr("axis", 0), 13)));

    [Fact]
    public void Concat_Opset4WithoutAxis_Fails()
    {
        var e = Assert.Throws<OpException>(() => new ConcatRule().Infer(Ctx("Concat", new[] { T("a", "2x3"), T("b", "2x3") }, opset: 4)));
        Assert.Contains("opset 4", e.Message);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    public void Concat_SpecOrOpset1WithoutAxis_UsesChannels(long opset) =>
        Assert.Equal(Shape.Of(1, 6, 4, 4), new ConcatRule().Infer(Ctx("Concat", new[] { T("a", "1x2x4x4"), T("b", "1x4x4x4") }, opset: opset)).Outputs[0].Shape);

    [Fact]
    public void Concat_NegativeAxisBeforeOpset11_Warns()
    {
        var r = new ConcatRule().Infer(Ctx("Concat", new[] { T("a", "2x3"), T("b", "2x3") }, Attr("axis", -1), 9));
        Assert.Equal(Shape.Of(2, 6), r.Outputs[0].Shape);
        Assert.Contains("opset 11", Assert.Single(r.Warnings));
    }

    [Fact]
    public void SpecKeyword_TakesLayerRefsAndAxis()
    {
        var s = OpRegistry.Default.FindKeyword("concat")!.Value.Syntax;
        Assert.Equal(SpecArgKind.LayerRefs, Assert.Single(s.Positional).Kind);
        Assert.Equal("axis", Assert.Single(s.Options).Attribute);
    }
}
