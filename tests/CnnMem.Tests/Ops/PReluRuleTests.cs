using CnnMem.Graphs;
using CnnMem.Ops;
using CnnMem.Ops.Rules;
using static CnnMem.Tests.Ops.ElementwiseTestKit;

namespace CnnMem.Tests.Ops;

public class PReluRuleTests
{
    // ONNX: the slope broadcasts one way to X (PyTorch exports [C,1,1]).
    [Theory]
    [InlineData("1x64x8x8", "64x1x1")]
    [InlineData("1x64x8x8", "1")]
    [InlineData("1x64x8x8", "1x64x8x8")]
    [InlineData("2x10", "10")]
    public void PRelu_SlopeBroadcasts_KeepsShape(string x, string slope)
    {
        var r = Run(new PReluRule(), "PRelu", T("x", x), T("slope", slope));
        Assert.Equal(Parse(x), r.Outputs[0].Shape);
        Assert.Empty(r.Params);
        Assert.Equal(SavedSource.Input, Assert.Single(r.Saved).Source);
        Assert.False(r.CanRunInPlace);
    }

    [Theory]
    [InlineData("1x64x8x8", "32x1x1")]
    [InlineData("2x10", "2x10x1")]
    [InlineData("1x3x4x4", "4x4x4")]
    public void PRelu_SlopeDoesNotBroadcast_Fails(string x, string slope)
    {
        var e = Assert.Throws<OpException>(() => Run(new PReluRule(), "PRelu", T("x", x), T("slope", slope)));
        Assert.Contains("does not broadcast", e.Message);
    }

    [Fact]
    public void PRelu_Spec_CreatesOneSlopePerChannel()
    {
        var r = Run(new PReluRule(), "PRelu", T("x", "4x32x10x10"));
        var p = Assert.Single(r.Params);
        Assert.Equal("n.weight", p.Name);
        Assert.Equal(Shape.Of(32), p.Shape);
    }

    [Fact]
    public void PRelu_SpecOnRank1_Fails() =>
        Assert.Throws<OpException>(() => Run(new PReluRule(), "PRelu", T("x", "5")));
}
