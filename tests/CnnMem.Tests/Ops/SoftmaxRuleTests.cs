using CnnMem.Graphs;
using CnnMem.Ops;
using CnnMem.Ops.Rules;
using static CnnMem.Tests.Ops.ElementwiseTestKit;

namespace CnnMem.Tests.Ops;

public class SoftmaxRuleTests
{
    [Theory]
    [InlineData("Softmax", "8x1000", 13)]
    [InlineData("LogSoftmax", "8x1000", 11)]
    [InlineData("Softmax", "1x12x197x197", 13)]
    [InlineData("Softmax", "1x12x197x197", 0)]
    public void Softmax_KeepsShape_SavesResult_CountsInTextbook(string op, string shape, long opset)
    {
        var r = new SoftmaxRule().Infer(Ctx(op, new[] { T("x", shape) }, opset: opset));
        Assert.Equal(Parse(shape), r.Outputs[0].Shape);
        var s = Assert.Single(r.Saved);
        Assert.Equal(SavedSource.Output, s.Source);
        Assert.True(r.CountsInTextbookSum);
    }

    [Fact]
    public void Hardmax_SavesNothing_NotInTextbook()
    {
        var r = new SoftmaxRule().Infer(Ctx("Hardmax", new[] { T("x", "2x5") }, opset: 13));
        Assert.Empty(r.Saved);
        Assert.False(r.CountsInTextbookSum);
    }

    [Theory]
    [InlineData(2L, 13L)]
    [InlineData(-3L, 13L)]
    [InlineData(5L, 11L)]
    public void Softmax_AxisOutOfRange_Fails(long axis, long opset)
    {
        var e = Assert.Throws<OpException>(() => new SoftmaxRule().Infer(Ctx("Softmax", new[] { T("x", "2x5") }, Attr("axis", axis), opset)));
        Assert.Contains("axis", e.Message);
    }

    [Fact]
    public void Softmax_Rank1Opset11_DefaultAxis1_Fails() =>
        // Before opset 13 the default axis is 1, which a 1-D input lacks.
        Assert.Throws<OpException>(() => new SoftmaxRule().Infer(Ctx("Softmax", new[] { T("x", "10") }, opset: 11)));

    [Fact]
    public void Softmax_Rank1Opset13_DefaultAxisLast_Works() =>
        Assert.Equal(Shape.Of(10), new SoftmaxRule().Infer(Ctx("Softmax", new[] { T("x", "10") }, opset: 13)).Outputs[0].Shape);

    [Fact]
    public void Softmax_Scalar_Fails() =>
        Assert.Throws<OpException>(() => new SoftmaxRule().Infer(Ctx("Softmax", new[] { T("x", "scalar") }, opset: 13)));

    [Fact]
    public void Softmax_IntInput_Fails() =>
        Assert.Throws<OpException>(() => new SoftmaxRule().Infer(Ctx("Softmax", new[] { T("x", "3", DType.Int64) }, opset: 13)));

    [Theory]
    [InlineData("softmax", "Softmax")]
    [InlineData("logsoftmax", "LogSoftmax")]
    public void SpecKeyword_MapsToOp(string keyword, string op) =>
        Assert.Equal(op, OpRegistry.Default.FindKeyword(keyword)!.Value.Syntax.Op);
}
