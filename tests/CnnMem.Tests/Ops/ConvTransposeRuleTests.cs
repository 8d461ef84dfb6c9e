using CnnMem.Graphs;
using CnnMem.Ops;
using CnnMem.Ops.Rules;
using static CnnMem.Tests.Ops.LayerRuleHarness;

namespace CnnMem.Tests.Ops;

public class ConvTransposeRuleTests
{
    private static readonly ConvTransposeRule Rule = new();

    private static Attributes Spec(long filters, long k, long stride, string pad, long outPad, long dilation, long group, long bias)
    {
        var attrs = A(
            ("filters", filters), ("kernel_shape", new[] { k, k }), ("strides", new[] { stride, stride }),
            ("output_padding", new[] { outPad, outPad }), ("dilations", new[] { dilation, dilation }), ("group", group), ("bias", bias));
        return pad.Contains(',') ? attrs.With("pads", AttrValue.Of(Longs(pad))) : attrs.With("auto_pad", AttrValue.Of(pad));
    }

    // spec layer: input, filters, kernel, stride, pads or auto_pad, output_padding, dilation, group, bias -> output, params, MACs
    [Theory]
    [InlineData("1x64x16x16", 32, 4, 2, "1,1,1,1", 0, 1, 1, 1, "1x32x32x32", 32800L, 8388608L)] // DCGAN upsampling
    [InlineData("1x8x7x7", 4, 3, 2, "1,1,1,1", 1, 1, 1, 1, "1x4x14x14", 292L, 14112L)] // output_padding restores 14
    [InlineData("1x8x5x5", 8, 3, 2, "SAME_UPPER", 0, 1, 1, 1, "1x8x10x10", 584L, 14400L)] // same: input x stride
    [InlineData("1x2x3x3", 2, 3, 1, "VALID", 0, 1, 1, 1, "1x2x5x5", 38L, 324L)]
    [InlineData("1x1x4x4", 1, 3, 1, "0,0,0,0", 0, 2, 1, 1, "1x1x8x8", 10L, 144L)] // dilated kernel spans 5
    [InlineData("1x4x5x5", 6, 3, 1, "1,1,1,1", 0, 1, 2, 1, "1x6x5x5", 114L, 2700L)] // groups
    [InlineData("1x1x4x4", 1, 2, 2, "1,0,0,0", 0, 1, 1, 1, "1x1x7x8", 5L, 64L)] // asymmetric: top only
    [InlineData("2x16x8x8", 16, 2, 2, "0,0,0,0", 0, 1, 1, 0, "2x16x16x16", 1024L, 131072L)] // bias off, U-Net up
    public void ConvTranspose_Spec_InfersShapeParamsMacs(string input, long filters, long k, long stride, string pad, long outPad, long dilation, long group, long bias, string expected, long prms, long macs)
    {
        var r = Run(Rule, "ConvTranspose", Spec(filters, k, stride, pad, outPad, dilation, group, bias), T("x", input));
        Assert.Equal(expected, r.Outputs[0].Shape.ToString());
        Assert.Equal(prms, r.Params.Sum(p => p.Elements));
        Assert.Equal(macs, r.Macs);
        Assert.Equal(new[] { SavedTensor.In(0, "input") }, r.Saved);
    }

    // ONNX: input, weight [C, M/group, k, k], attributes -> output
    [Theory]
    [InlineData("1x3x4x4", "3x2x3x3", 1, "", "1x2x6x6")]
    [InlineData("1x3x4x4", "3x2x3x3", 2, "9,9", "1x2x9x9")] // output_shape equal to the full size: no padding
    [InlineData("1x3x4x4", "3x2x3x3", 2, "8,8", "1x2x8x8")] // output_shape implies one row/column of padding
    [InlineData("1x3x4x4", "3x2x3x3", 2, "1,2,8,8", "1x2x8x8")] // output_shape written with N and C
    [InlineData("1x3x4x4", "3x2x3x3", 2, "10,10", "1x2x10x10")] // one past the full size: implicit output padding
    [InlineData("1x4x4x4", "4x1x3x3", 1, "", "1x2x6x6")] // group 2 from the attribute below
    public void ConvTranspose_Onnx_InfersShape(string input, string weight, long stride, string outputShape, string expected)
    {
        var attrs = A(("strides", new[] { stride, stride }), ("group", weight == "4x1x3x3" ? 2L : 1L));
        if (outputShape.Length > 0)
        {
            attrs = attrs.With("output_shape", AttrValue.Of(Longs(outputShape)));
        }
        var r = Run(Rule, "ConvTranspose", attrs, T("x", input), T("w", weight));
        Assert.Equal(expected, r.Outputs[0].Shape.ToString());
        Assert.Empty(r.Params);
    }

    [Theory]
    [InlineData("1x3x4x4", "4x2x3x3", "", "weight has 4 input channels")]
    [InlineData("1x3x4x4", "3x2x3x3", "7", "bias has shape 7, expected 2")]
    [InlineData("1x3x4", "3x2x3x3", "", "expected rank 3")]
    public void ConvTranspose_Onnx_BadWeights_Fail(string input, string weight, string bias, string expected)
    {
        var inputs = bias.Length == 0 ? new[] { T("x", input), T("w", weight) } : new[] { T("x", input), T("w", weight), T("b", bias) };
        Assert.Contains(expected, Fails(Rule, "ConvTranspose", A(), inputs));
    }

    [Theory]
    [InlineData("1x8x4x4", 4, 3, 2, "0,0,0,0", 2, 1, 1, "output_padding must be at least 0 and smaller")]
    [InlineData("1x6x4x4", 4, 3, 1, "0,0,0,0", 0, 1, 4, "not divisible by groups")]
    [InlineData("1x8x4x4", 6, 3, 1, "0,0,0,0", 0, 1, 4, "filters (6) are not divisible")]
    [InlineData("1x8x1x1", 4, 1, 1, "1,1,1,1", 0, 1, 1, "would be -1")]
    [InlineData("1x8x4x4", 0, 3, 1, "0,0,0,0", 0, 1, 1, "at least 1")]
    [InlineData("1x8x4x4", 4, 3, 0, "0,0,0,0", 0, 1, 1, "stride must be positive")]
    public void ConvTranspose_BadAttributes_Fail(string input, long filters, long k, long stride, string pad, long outPad, long dilation, long group, string expected) =>
        Assert.Contains(expected, Fails(Rule, "ConvTranspose", Spec(filters, k, stride, pad, outPad, dilation, group, 1), T("x", input)));

    [Fact]
    public void ConvTranspose_OutputShapeTooLarge_Fails() =>
        Assert.Contains("at most 10", Fails(Rule, "ConvTranspose", A(("strides", new[] { 2L, 2L }), ("output_shape", new[] { 12L, 12L })), T("x", "1x3x4x4"), T("w", "3x2x3x3")));

    [Fact]
    public void ConvTranspose_Spec_WeightIsInputChannelsFirst()
    {
        var r = Run(Rule, "ConvTranspose", Spec(32, 4, 2, "1,1,1,1", 0, 1, 1, 1), T("x", "1x64x16x16", DType.Float16));
        Assert.Equal(Shape.Of(64, 32, 4, 4), r.Params[0].Shape);
        Assert.Equal(DType.Float16, r.Outputs[0].DType);
    }
}
