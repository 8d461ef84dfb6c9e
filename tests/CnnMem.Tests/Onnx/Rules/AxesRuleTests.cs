using CnnMem.Core;
using CnnMem.Graphs;
using CnnMem.Ops.Rules.Onnx;
using static CnnMem.Tests.Onnx.Rules.RuleKit;

namespace CnnMem.Tests.Onnx.Rules;

/// <summary>Unsqueeze, Squeeze and Reduce: axes as attributes (old opsets) or inputs (new), and runtime axes.</summary>
public class AxesRuleTests
{
    [Theory]
    [InlineData("3x4", "0", "1x3x4")]
    [InlineData("3x4", "-1", "3x4x1")]
    [InlineData("3x4", "0,3", "1x3x4x1")]
    [InlineData("3x4", "1,2", "3x1x1x4")]
    public void Unsqueeze_AttributeOrInput_SameShape(string input, string axes, string expected)
    {
        var a = axes.Split(',').Select(long.Parse).ToArray();
        var fromAttr = Run(new UnsqueezeRule(), "Unsqueeze", A(("axes", L(a))), 11, T("x", input));
        var fromInput = Run(new UnsqueezeRule(), "Unsqueeze", Attributes.Empty, 13, T("x", input), Ints("axes", a));
        Assert.Equal(expected, fromAttr.Outputs[0].Shape.ToString());
        Assert.Equal(expected, fromInput.Outputs[0].Shape.ToString());
        Assert.Equal(0, fromInput.ViewOfInput);
    }

    [Fact]
    public void Unsqueeze_RuntimeAxes_KnowsRankOnly()
    {
        var r = Run(new UnsqueezeRule(), "Unsqueeze", Attributes.Empty, 13, T("x", "3x4"), RuntimeInts("axes", 2));
        Assert.Equal(4, r.Outputs[0].Shape.Rank);
        Assert.All(r.Outputs[0].Shape, d => Assert.True(d.IsUnknown));
    }

    [Theory]
    [InlineData("1x3x1x4", null, "3x4")]
    [InlineData("1x3x1x4", "0", "3x1x4")]
    [InlineData("1x3x1x4", "-2", "1x3x4")]
    public void Squeeze_Axes_DropsOnes(string input, string? axes, string expected)
    {
        var inputs = axes is null
            ? new TensorInfo?[] { T("x", input) }
            : new TensorInfo?[] { T("x", input), Ints("axes", axes.Split(',').Select(long.Parse).ToArray()) };
        var r = Run(new SqueezeRule(), "Squeeze", Attributes.Empty, 13, inputs);
        Assert.Equal(expected, r.Outputs[0].Shape.ToString());
    }

    [Fact]
    public void Squeeze_AxisNotOne_Fails()
    {
        var e = Assert.Throws<OpException>(() => Run(new SqueezeRule(), "Squeeze", A(("axes", L(1))), 11, T("x", "1x3")));
        Assert.Contains("expected 1", e.Message);
    }

    [Theory]
    [InlineData("ReduceMean", "1", 1L, "2x1x4")]
    [InlineData("ReduceSum", "1", 0L, "2x4")]
    [InlineData("ReduceMax", "0,-1", 0L, "3")]
    [InlineData("ReduceL2", "", 1L, "1x1x1")]
    [InlineData("ReduceProd", "", 0L, "scalar")]
    public void Reduce_AxesKeepdims_InfersShape(string op, string axes, long keep, string expected)
    {
        var a = axes.Length == 0 ? Array.Empty<long>() : axes.Split(',').Select(long.Parse).ToArray();
        var attrs = A(("keepdims", AttrValue.Of(keep)));
        var viaAttr = Run(new ReduceRule(), op, a.Length == 0 ? attrs : attrs.With("axes", L(a)), 11, T("x", "2x3x4"));
        var viaInput = Run(new ReduceRule(), op, attrs, 18, T("x", "2x3x4"), Ints("axes", a));
        Assert.Equal(expected, viaAttr.Outputs[0].Shape.ToString());
        Assert.Equal(expected, viaInput.Outputs[0].Shape.ToString());
    }

    [Fact]
    public void Reduce_EmptyAxesWithNoop_KeepsInput()
    {
        var r = Run(new ReduceRule(), "ReduceSum", A(("noop_with_empty_axes", AttrValue.Of(1L))), 13, T("x", "2x3"), Ints("axes"));
        Assert.Equal(Shape.Of(2, 3), r.Outputs[0].Shape);
    }

    [Fact]
    public void Reduce_RuntimeAxesNoKeepdims_KnowsRank()
    {
        var r = Run(new ReduceRule(), "ReduceSum", A(("keepdims", AttrValue.Of(0L))), 13, T("x", "2x3x4"), RuntimeInts("axes", 2));
        Assert.Equal(1, r.Outputs[0].Shape.Rank);
        Assert.True(r.Outputs[0].Shape[0].IsUnknown);
    }

    [Theory]
    [InlineData("ReduceProd", 0L, "8,15")]
    [InlineData("ReduceSum", 1L, "5,9")]
    [InlineData("ReduceMax", 1L, "3,5")]
    public void Reduce_KnownIntValue_Computed(string op, long axis, string expected)
    {
        // x = [[2, 3], [4, 5]]
        var x = new TensorInfo("x", DType.Int64, Shape.Of(2, 2), TensorValue.FromInts(DType.Int64, Shape.Of(2, 2), new long[] { 2, 3, 4, 5 }));
        var r = Run(new ReduceRule(), op, A(("keepdims", AttrValue.Of(0L)), ("axes", L(axis))), 11, x);
        Assert.Equal(expected.Split(',').Select(long.Parse), r.Outputs[0].Value!.AsLongs());
    }
}
