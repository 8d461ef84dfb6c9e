using CnnMem.Graphs;
using CnnMem.Ops.Rules;
using static CnnMem.Tests.Ops.ElementwiseTestKit;

namespace CnnMem.Tests.Ops;

public class IdentityRuleTests
{
    [Theory]
    [InlineData("64x3x7x7", DType.Float32)]
    [InlineData("Nx?", DType.Int64)]
    [InlineData("scalar", DType.Bool)]
    public void Identity_IsAViewOfItsInput(string shape, DType t)
    {
        var r = Run(new IdentityRule(), "Identity", T("x", shape, t));
        Assert.Equal(Parse(shape), r.Outputs[0].Shape);
        Assert.Equal(t, r.Outputs[0].DType);
        Assert.Equal(0, r.ViewOfInput);
        Assert.False(r.CountsInTextbookSum);
        Assert.Empty(r.Saved);
    }

    [Fact]
    public void Identity_PassesValueOn() =>
        Assert.Equal(new long[] { 1, -1 }, Run(new IdentityRule(), "Identity", Ints("x", new long[] { 1, -1 })).Outputs[0].Value!.Ints!.Value);

    [Fact]
    public void Identity_TwoInputs_Fails() =>
        Assert.Throws<OpException>(() => Run(new IdentityRule(), "Identity", T("x", "1"), T("y", "1")));
}
