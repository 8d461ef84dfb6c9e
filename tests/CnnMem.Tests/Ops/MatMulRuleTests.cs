using CnnMem.Ops;
using CnnMem.Ops.Rules;
using static CnnMem.Tests.Ops.LayerRuleHarness;

namespace CnnMem.Tests.Ops;

public class MatMulRuleTests
{
    private static readonly MatMulRule Rule = new();

    // A, B -> Y, MACs = prod(batch) * M * N * K
    [Theory]
    [InlineData("3x4", "4x5", "3x5", 60L)]
    [InlineData("4", "4x5", "5", 20L)] // 1-D A: [1,4] then the 1 is dropped
    [InlineData("3x4", "4", "3", 12L)] // 1-D B
    [InlineData("4", "4", "scalar", 4L)] // dot product
    [InlineData("2x3x4", "4x5", "2x3x5", 120L)] // batch on A only
    [InlineData("1x197x768", "768x2304", "1x197x2304", 348585984L)] // ViT qkv projection
    [InlineData("2x1x3x4", "5x4x6", "2x5x3x6", 720L)] // batch dims broadcast: [2,1] with [5]
    [InlineData("12x197x64", "12x64x197", "12x197x197", 29805312L)] // attention scores
    public void MatMul_NumpySemantics_InferShapeAndMacs(string a, string b, string expected, long macs)
    {
        var r = Run(Rule, "MatMul", A(), T("a", a), T("b", b));
        Assert.Equal(expected, r.Outputs[0].Shape.ToString());
        Assert.Equal(macs, r.Macs);
        Assert.Equal(new[] { SavedTensor.In(0, "A") with { Condition = SaveCondition.OtherOperandRequiresGrad }, SavedTensor.In(1, "B") with { Condition = SaveCondition.OtherOperandRequiresGrad } }, r.Saved);
    }

    [Theory]
    [InlineData("3x4", "5x6", "4 columns but B has 5 rows")]
    [InlineData("2x3x4", "3x4x5", "cannot be broadcast")]
    [InlineData("", "4", "scalar")]
    public void MatMul_Incompatible_Fails(string a, string b, string expected) =>
        Assert.Contains(expected, Fails(Rule, "MatMul", A(), T("a", a), T("b", b)));
}
