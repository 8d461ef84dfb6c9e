using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Graphs;
using CnnMem.Ops;
using CnnMem.Ops.Rules;

namespace CnnMem.Tests.Ops;

public class ConvRuleTests
{
    // input NCHW, filters, kernel, stride, pads (T,L,B,R) or auto_pad, dilation, group -> output, params, macs
    [Theory]
    [InlineData("1x3x50x50", 32, 3, 1, "SAME_UPPER", 1, 1, "1x32x50x50", 896L, 2160000L)]
    [InlineData("1x3x32x32", 6, 5, 1, "VALID", 1, 1, "1x6x28x28", 456L, 352800L)]
    [InlineData("2x3x224x224", 64, 7, 2, "3,3,3,3", 1, 1, "2x64x112x112", 9472L, 236027904L)]
    [InlineData("1x32x10x10", 32, 3, 1, "1,1,1,1", 1, 32, "1x32x10x10", 320L, 28800L)]
    [InlineData("1x8x10x10", 4, 3, 1, "0,0,0,0", 2, 1, "1x4x6x6", 292L, 10368L)]
    [InlineData("1x3x10x10", 4, 3, 2, "0,1,1,0", 1, 1, "1x4x5x5", 112L, 2700L)]
    public void Conv_Spec_InfersShapeParamsMacs(string input, long filters, long k, long stride, string pad, long dilation, long group, string expected, long prms, long macs)
    {
        var attrs = Attributes.From(
            ("filters", AttrValue.Of(filters)),
            ("kernel_shape", AttrValue.Of(new[] { k, k })),
            ("strides", AttrValue.Of(new[] { stride, stride })),
            ("dilations", AttrValue.Of(new[] { dilation, dilation })),
            ("group", AttrValue.Of(group)));
        attrs = pad.Contains(',')
            ? attrs.With("pads", AttrValue.Of(pad.Split(',').Select(long.Parse)))
            : attrs.With("auto_pad", AttrValue.Of(pad));
        var node = new Node("c", "Conv", ImmutableArray.Create("x"), ImmutableArray.Create("y"), attrs);
        var x = new TensorInfo("x", DType.Float32, Shape.Of(input.Split('x').Select(long.Parse).ToArray()));
        var r = new ConvRule().Infer(new OpContext(node, new[] { x }, 0));
        Assert.Equal(expected, r.Outputs[0].Shape.ToString());
        Assert.Equal(prms, r.Params.Sum(p => p.Elements));
        Assert.Equal(macs, r.Macs);
    }

    // depthwise without a channel count (Keras's DepthwiseConv2D): groups = C, filters = C x multiplier
    [Theory]
    [InlineData("1x16x8x8", 1L, 1L, "1x16x8x8", 160L, 9216L)]
    [InlineData("2x12x8x8", 2L, 0L, "2x24x8x8", 216L, 27648L)]
    public void Conv_DepthMultiplier_IsDepthwise(string input, long multiplier, long bias, string expected, long prms, long macs)
    {
        var attrs = Attributes.From(
            ("depth_multiplier", AttrValue.Of(multiplier)),
            ("kernel_shape", AttrValue.Of(new[] { 3L, 3L })),
            ("auto_pad", AttrValue.Of("SAME_UPPER")),
            ("bias", AttrValue.Of(bias)));
        var node = new Node("c", "Conv", ImmutableArray.Create("x"), ImmutableArray.Create("y"), attrs);
        var x = new TensorInfo("x", DType.Float32, Shape.Of(input.Split('x').Select(long.Parse).ToArray()));
        var r = new ConvRule().Infer(new OpContext(node, new[] { x }, 0));
        Assert.Equal(expected, r.Outputs[0].Shape.ToString());
        Assert.Equal(prms, r.Params.Sum(p => p.Elements));
        Assert.Equal(macs, r.Macs);
    }

    [Fact]
    public void Conv_KernelLargerThanInput_Fails()
    {
        var attrs = Attributes.From(("filters", AttrValue.Of(4L)), ("kernel_shape", AttrValue.Of(new[] { 5L, 5L })));
        var node = new Node("c", "Conv", ImmutableArray.Create("x"), ImmutableArray.Create("y"), attrs);
        var x = new TensorInfo("x", DType.Float32, Shape.Of(1, 3, 3, 3));
        var e = Assert.Throws<OpException>(() => new ConvRule().Infer(new OpContext(node, new[] { x }, 0)));
        Assert.Contains("larger than the input", e.Message);
    }
}
