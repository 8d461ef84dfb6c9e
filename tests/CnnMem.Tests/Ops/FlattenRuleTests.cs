using CnnMem.Core;
using CnnMem.Ops.Rules;
using static CnnMem.Tests.Ops.LayerRuleHarness;

namespace CnnMem.Tests.Ops;

public class FlattenRuleTests
{
    private static readonly FlattenRule Rule = new();

    [Theory]
    [InlineData("1x64x12x12", 1L, "1x9216")] // the classic answer
    [InlineData("8x256x6x6", 1L, "8x9216")]
    [InlineData("2x3x4x5", 0L, "1x120")]
    [InlineData("2x3x4x5", 2L, "6x20")]
    [InlineData("2x3x4x5", 4L, "120x1")]
    [InlineData("2x3x4x5", -1L, "24x5")]
    [InlineData("2x3x4x5", -4L, "1x120")]
    public void Flatten_Axis_InfersShapeAsView(string input, long axis, string expected)
    {
        var r = Run(Rule, "Flatten", A(("axis", axis)), T("x", input));
        Assert.Equal(expected, r.Outputs[0].Shape.ToString());
        Assert.Equal(0, r.ViewOfInput);
        Assert.False(r.CountsInTextbookSum);
        Assert.Empty(r.Saved);
        Assert.Equal(0, r.Macs);
    }

    [Fact]
    public void Flatten_DefaultAxis_KeepsBatch() =>
        Assert.Equal("4x48", Run(Rule, "Flatten", A(), T("x", "4x3x4x4")).Outputs[0].Shape.ToString());

    [Fact]
    public void Flatten_KnownValue_PassesThrough()
    {
        var x = T("x", "2x2", DType.Int64) with { Value = TensorValue.FromInts(DType.Int64, Shape.Of(2, 2), new long[] { 1, 2, 3, 4 }) };
        var r = Run(Rule, "Flatten", A(("axis", 0L)), x);
        Assert.Equal(new long[] { 1, 2, 3, 4 }, r.Outputs[0].Value!.AsLongs());
        Assert.Equal(Shape.Of(1, 4), r.Outputs[0].Value!.Shape);
    }

    [Theory]
    [InlineData(5L)]
    [InlineData(-5L)]
    public void Flatten_AxisOutOfRange_Fails(long axis) =>
        Assert.Contains("axis must be in [-4, 4]", Fails(Rule, "Flatten", A(("axis", axis)), T("x", "2x3x4x5")));
}
