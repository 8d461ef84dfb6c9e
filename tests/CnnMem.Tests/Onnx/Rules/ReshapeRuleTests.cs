using CnnMem.Graphs;
using CnnMem.Ops.Rules.Onnx;
using static CnnMem.Tests.Onnx.Rules.RuleKit;

namespace CnnMem.Tests.Onnx.Rules;

public class ReshapeRuleTests
{
    [Theory]
    [InlineData("2x3x4", "4,2,3", 0L, "4x2x3")]
    [InlineData("2x3x4", "2,-1", 0L, "2x12")]
    [InlineData("2x3x4", "0,0,-1", 0L, "2x3x4")]
    [InlineData("2x3x4", "-1", 0L, "24")]
    [InlineData("2x3x4", "0,4,-1", 0L, "2x4x3")]
    [InlineData("0x3x4", "3,4,0", 1L, "3x4x0")]
    public void Reshape_KnownTarget_InfersShape(string input, string target, long allowZero, string expected)
    {
        var r = Run(new ReshapeRule(), "Reshape", A(("allowzero", AttrValue.Of(allowZero))), 14,
            T("x", input), Ints("s", target.Split(',').Select(long.Parse).ToArray()));
        Assert.Equal(expected, r.Outputs[0].Shape.ToString());
        Assert.Equal(0, r.ViewOfInput);
        Assert.False(r.CountsInTextbookSum);
    }

    [Fact]
    public void Reshape_RuntimeTarget_GivesUnknownDimsOfTargetLength()
    {
        var r = Run(new ReshapeRule(), "Reshape", Attributes.Empty, 14, T("x", "2x3x4"), RuntimeInts("s", 3));
        Assert.Equal(3, r.Outputs[0].Shape.Rank);
        Assert.All(r.Outputs[0].Shape, d => Assert.True(d.IsUnknown));
    }

    [Fact]
    public void Reshape_OpsetFourAttribute_InfersShape()
    {
        var r = Run(new ReshapeRule(), "Reshape", A(("shape", L(6, -1))), 4, T("x", "2x3x4"));
        Assert.Equal(Shape.Of(6, 4), r.Outputs[0].Shape);
    }

    [Theory]
    [InlineData("2x3x4", "5,-1", "not divisible")]
    [InlineData("2x3x4", "-1,-1", "more than one -1")]
    [InlineData("2x3x4", "2,3,5", "elements")]
    public void Reshape_BadTarget_FailsWithReason(string input, string target, string message)
    {
        var e = Assert.Throws<OpException>(() => Run(new ReshapeRule(), "Reshape", Attributes.Empty, 14,
            T("x", input), Ints("s", target.Split(',').Select(long.Parse).ToArray())));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Reshape_KnownValue_IsReshaped()
    {
        var x = Ints("x", 1, 2, 3, 4, 5, 6);
        var r = Run(new ReshapeRule(), "Reshape", Attributes.Empty, 14, x, Ints("s", 2, 3));
        Assert.Equal(Shape.Of(2, 3), r.Outputs[0].Value!.Shape);
        Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6 }, r.Outputs[0].Value!.AsLongs());
    }
}
