using CnnMem.Graphs;
using CnnMem.Ops.Rules.Onnx;
using static CnnMem.Tests.Onnx.Rules.RuleKit;

namespace CnnMem.Tests.Onnx.Rules;

public class ShapeRuleTests
{
    [Theory]
    [InlineData("2x3x4x5", null, null, "2,3,4,5")]
    [InlineData("2x3x4x5", 1L, null, "3,4,5")]
    [InlineData("2x3x4x5", -1L, null, "5")]
    [InlineData("2x3x4x5", 1L, -1L, "3,4")]
    [InlineData("2x3x4x5", -10L, 10L, "2,3,4,5")]
    [InlineData("2x3x4x5", 3L, 1L, "")]
    public void Shape_StartEnd_GivesSlicedDimsAsValue(string input, long? start, long? end, string expected)
    {
        var attrs = Attributes.Empty;
        if (start is { } s)
        {
            attrs = attrs.With("start", AttrValue.Of(s));
        }
        if (end is { } e)
        {
            attrs = attrs.With("end", AttrValue.Of(e));
        }
        var r = Run(new ShapeRule(), "Shape", attrs, 15, T("x", input));
        var want = expected.Length == 0 ? Array.Empty<long>() : expected.Split(',').Select(long.Parse).ToArray();
        Assert.Equal(DType.Int64, r.Outputs[0].DType);
        Assert.Equal(Shape.Of((long)want.Length), r.Outputs[0].Shape);
        Assert.Equal(want, r.Outputs[0].Value!.AsLongs());
        Assert.False(r.CountsInTextbookSum);
    }

    [Fact]
    public void Shape_UnknownDim_HasNoValue()
    {
        var r = Run(new ShapeRule(), "Shape", Attributes.Empty, 13, T("x", "?x3"));
        Assert.Equal(Shape.Of(2), r.Outputs[0].Shape);
        Assert.Null(r.Outputs[0].Value);
    }

    [Fact]
    public void Size_KnownShape_GivesElementCount()
    {
        var r = Run(new SizeRule(), "Size", Attributes.Empty, 13, T("x", "2x3x4"));
        Assert.Equal(Shape.Scalar, r.Outputs[0].Shape);
        Assert.Equal(new[] { 24L }, r.Outputs[0].Value!.AsLongs());
    }
}
