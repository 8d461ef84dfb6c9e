using CnnMem.Graphs;
using CnnMem.Ops.Rules.Onnx;
using static CnnMem.Tests.Onnx.Rules.RuleKit;

namespace CnnMem.Tests.Onnx.Rules;

public class LossRuleTests
{
    [Theory]
    [InlineData("NegativeLogLikelihoodLoss", "mean", "scalar")]
    [InlineData("NegativeLogLikelihoodLoss", "none", "3x5x6")]
    [InlineData("SoftmaxCrossEntropyLoss", "sum", "scalar")]
    [InlineData("SoftmaxCrossEntropyLoss", "none", "3x5x6")]
    public void Loss_Reduction_InfersShape(string op, string reduction, string expected)
    {
        var r = Run(new LossRule(), op, A(("reduction", AttrValue.Of(reduction))), 13, T("x", "3x10x5x6"), T("t", "3x5x6", DType.Int64));
        Assert.Equal(expected, r.Outputs[0].Shape.ToString());
    }

    [Fact]
    public void SoftmaxCrossEntropy_LogProbOutput_HasScoresShape()
    {
        var r = Run(new LossRule(), "SoftmaxCrossEntropyLoss", Attributes.Empty, 13, 2, T("x", "3x10"), T("t", "3", DType.Int64));
        Assert.Equal(Shape.Of(3, 10), r.Outputs[1].Shape);
    }

    [Fact]
    public void Loss_TargetMismatch_Fails()
    {
        var e = Assert.Throws<OpException>(() => Run(new LossRule(), "NegativeLogLikelihoodLoss", Attributes.Empty, 13, T("x", "3x10"), T("t", "4", DType.Int64)));
        Assert.Contains("does not match", e.Message);
    }
}
