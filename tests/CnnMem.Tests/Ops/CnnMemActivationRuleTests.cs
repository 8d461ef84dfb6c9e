using CnnMem.Ops;
using CnnMem.Ops.Rules;
using static CnnMem.Tests.Ops.ElementwiseTestKit;

namespace CnnMem.Tests.Ops;

public class CnnMemActivationRuleTests
{
    [Theory]
    [InlineData("Relu6")]
    [InlineData("SiLU")]
    public void CnnMemActivation_KeepsShapeAndSavesInput(string op)
    {
        var r = new CnnMemActivationRule().Infer(Ctx(op, new[] { T("x", "8x16x7x7") }, domain: "cnnmem"));
        Assert.Equal(Shape.Of(8, 16, 7, 7), r.Outputs[0].Shape);
        Assert.Equal(SavedSource.Input, Assert.Single(r.Saved).Source);
        Assert.True(r.CanRunInPlace);
        Assert.False(r.CountsInTextbookSum);
    }

    [Theory]
    [InlineData("relu6", "Relu6")]
    [InlineData("silu", "SiLU")]
    [InlineData("swish", "SiLU")]
    public void SpecKeyword_MapsToCnnMemDomainOp(string keyword, string op)
    {
        var found = OpRegistry.Default.FindKeyword(keyword)!.Value;
        Assert.Equal(op, found.Syntax.Op);
        Assert.Equal("cnnmem", found.Rule.Domain);
        Assert.Same(found.Rule, OpRegistry.Default.Find("cnnmem", op));
        Assert.Null(OpRegistry.Default.Find("", op));
    }
}
