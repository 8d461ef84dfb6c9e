using CnnMem.Core;
using CnnMem.Graphs;
using CnnMem.Ops;
using CnnMem.Ops.Rules;
using static CnnMem.Tests.Ops.LayerRuleHarness;

namespace CnnMem.Tests.Ops;

public class PoolRuleTests
{
    private static readonly PoolRule Rule = new();

    private static Attributes PoolAttrs(string kernel, string stride, string pad, string dilation, long ceil)
    {
        var attrs = A(("kernel_shape", Longs(kernel)), ("strides", Longs(stride)), ("ceil_mode", ceil));
        if (dilation.Length > 0)
        {
            attrs = attrs.With("dilations", AttrValue.Of(Longs(dilation)));
        }
        return pad.Contains(',') ? attrs.With("pads", AttrValue.Of(Longs(pad))) : attrs.With("auto_pad", AttrValue.Of(pad));
    }

    // op, input, kernel, stride, pads (T,L,B,R) or auto_pad, dilations, ceil -> output
    [Theory]
    [InlineData("MaxPool", "1x64x25x25", "2,2", "2,2", "0,0,0,0", "", 0, "1x64x12x12")] // the classic answer: floor drops row 25
    [InlineData("MaxPool", "1x64x25x25", "2,2", "2,2", "0,0,0,0", "", 1, "1x64x13x13")] // ceil keeps it
    [InlineData("MaxPool", "8x32x50x50", "2,2", "2,2", "NOTSET", "", 0, "8x32x25x25")]
    [InlineData("MaxPool", "1x64x55x55", "3,3", "2,2", "VALID", "", 0, "1x64x27x27")] // AlexNet
    [InlineData("MaxPool", "1x64x112x112", "3,3", "2,2", "1,1,1,1", "", 0, "1x64x56x56")] // ResNet stem
    [InlineData("MaxPool", "1x8x7x7", "3,3", "2,2", "SAME_UPPER", "", 0, "1x8x4x4")]
    [InlineData("MaxPool", "1x8x7x7", "3,3", "2,2", "SAME_LOWER", "", 0, "1x8x4x4")]
    [InlineData("MaxPool", "1x8x6x6", "3,3", "1,1", "0,2,0,0", "", 0, "1x8x4x6")] // asymmetric: left padding only
    [InlineData("MaxPool", "1x4x10x10", "3,3", "1,1", "0,0,0,0", "2,2", 0, "1x4x6x6")] // dilated window spans 5
    [InlineData("MaxPool", "1x1x5x5", "2,2", "2,2", "1,1,1,1", "", 1, "1x1x3x3")] // ceil window starting in right padding is dropped
    [InlineData("MaxPool", "1x2x8x8x8", "2,2,2", "2,2,2", "VALID", "", 0, "1x2x4x4x4")] // 3-D
    [InlineData("MaxPool", "1x2x9", "3", "3", "VALID", "", 0, "1x2x3")] // 1-D
    [InlineData("AveragePool", "1x6x28x28", "2,2", "2,2", "VALID", "", 0, "1x6x14x14")] // LeNet
    [InlineData("AveragePool", "1x1x25x25", "2,2", "2,2", "VALID", "", 1, "1x1x13x13")]
    [InlineData("AveragePool", "1x3x9x9", "3,3", "1,1", "SAME_UPPER", "", 0, "1x3x9x9")]
    public void Pool_Attributes_InferShape(string op, string input, string kernel, string stride, string pad, string dilation, long ceil, string expected)
    {
        var r = Run(Rule, op, PoolAttrs(kernel, stride, pad, dilation, ceil), T("x", input));
        Assert.Equal(expected, r.Outputs[0].Shape.ToString());
        Assert.Equal(DType.Float32, r.Outputs[0].DType);
        Assert.Equal(0, r.Macs);
        Assert.True(r.CountsInTextbookSum);
    }

    [Fact]
    public void MaxPool_SeedCnn_CountsWindowCompares()
    {
        var r = Run(Rule, "MaxPool", PoolAttrs("2,2", "2,2", "VALID", "", 0), T("x", "1x32x50x50"));
        Assert.Equal(32L * 25 * 25 * 4, r.OtherFlops);
        Assert.Empty(r.Warnings);
    }

    [Fact]
    public void MaxPool_Training_SavesInputAndInt64Indices()
    {
        var r = Run(Rule, "MaxPool", PoolAttrs("2,2", "2,2", "VALID", "", 0), T("x", "1x64x25x25"));
        Assert.Equal(2, r.Saved.Length);
        Assert.Equal(SavedTensor.In(0, "input"), r.Saved[0]);
        Assert.Equal(SavedSource.Extra, r.Saved[1].Source);
        Assert.Equal(DType.Int64, r.Saved[1].DType);
        Assert.Equal(Shape.Of(1, 64, 12, 12), r.Saved[1].Shape);
    }

    [Fact]
    public void MaxPool_IndicesOutput_IsInt64AndSaved()
    {
        var r = Run(Rule, "MaxPool", PoolAttrs("2,2", "2,2", "VALID", "", 0), new TensorInfo?[] { T("x", "1x3x8x8") }, outputs: 2);
        Assert.Equal(2, r.Outputs.Length);
        Assert.Equal(DType.Int64, r.Outputs[1].DType);
        Assert.Equal(Shape.Of(1, 3, 4, 4), r.Outputs[1].Shape);
        Assert.Equal(SavedTensor.Out(1, "indices"), r.Saved[1]);
    }

    [Fact]
    public void AveragePool_Training_SavesOnlyInput()
    {
        var r = Run(Rule, "AveragePool", PoolAttrs("2,2", "2,2", "VALID", "", 0), T("x", "1x6x28x28"));
        Assert.Equal(new[] { SavedTensor.In(0, "input") }, r.Saved);
    }

    [Theory]
    [InlineData(0, "floor gives 12 (used), ceil would give 13")]
    [InlineData(1, "ceil mode gives 13")]
    public void MaxPool_UnevenInput_Warns(long ceil, string expected)
        => MaxPool_UnevenInput_WarnsOnce(ceil, expected);

    [Fact]
    public void MaxPool_UnevenRowsOnly_NamesRows()
    {
        var r = Run(Rule, "MaxPool", PoolAttrs("2,2", "2,2", "VALID", "", 0), T("x", "1x8x25x24"));
        var w = Assert.Single(r.Warnings);
        Assert.Contains("the last 1 of 25 rows is never read", w);
        Assert.DoesNotContain("columns", w);
    }

    private static void MaxPool_UnevenInput_WarnsOnce(long ceil, string expected)
    {
        var r = Run(Rule, "MaxPool", PoolAttrs("2,2", "2,2", "VALID", "", ceil), T("x", "1x64x25x25"));
        var w = Assert.Single(r.Warnings); // rows and columns share one warning
        Assert.Contains(expected, w);
    }

    [Theory]
    [InlineData("1x1x3x3", "5,5", "1,1", "larger than the input")]
    [InlineData("1x9", "2", "2", "spatial dimension")]
    [InlineData("1x1x8x8", "2,2", "0,2", "stride must be positive")]
    [InlineData("1x1x8x8", "2,2", "-1,2", "stride must be positive")]
    [InlineData("1x1x8x8", "0,2", "1,1", "kernel size must be positive")]
    [InlineData("1x1x8x8", "2,2,2", "1,1,1", "kernel_shape has 3 values")]
    public void Pool_BadShapesOrAttributes_Fail(string input, string kernel, string stride, string expected)
    {
        var msg = Fails(Rule, "MaxPool", A(("kernel_shape", Longs(kernel)), ("strides", Longs(stride))), T("x", input));
        Assert.Contains(expected, msg);
    }

    [Fact]
    public void Pool_MissingKernel_Fails() =>
        Assert.Contains("kernel_shape", Fails(Rule, "AveragePool", A(), T("x", "1x1x8x8")));

    [Fact]
    public void Pool_BadCeilMode_Fails() =>
        Assert.Contains("'ceil_mode' must be 0 or 1", Fails(Rule, "MaxPool", A(("kernel_shape", Longs("2,2")), ("ceil_mode", 2L)), T("x", "1x1x8x8")));

    [Fact]
    public void Pool_PadsOfWrongLength_Fail() =>
        Assert.Contains("pads has 2 values", Fails(Rule, "MaxPool", A(("kernel_shape", Longs("2,2")), ("pads", Longs("1,1"))), T("x", "1x1x8x8")));

    [Fact]
    public void Pool_Spec_StrideDefaultsToKernelAndSharesPrefix()
    {
        Assert.All(Rule.Spec, s => Assert.Equal("P", s.NamePrefix));
        Assert.All(Rule.Spec, s => Assert.Equal("kernel", s.Options.Single(o => o.Name == "stride").DefaultFrom));
        Assert.All(Rule.Spec, s => Assert.Equal("ceil_mode", s.Options.Single(o => o.Name == "ceil").Attribute));
        Assert.Equal(new[] { "MaxPool", "AveragePool" }, Rule.Spec.Select(s => s.Op));
    }
}
