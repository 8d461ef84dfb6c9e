using CnnMem.Ops;
using CnnMem.Ops.Rules;
using static CnnMem.Tests.Ops.LayerRuleHarness;

namespace CnnMem.Tests.Ops;

public class GemmRuleTests
{
    private static readonly GemmRule Rule = new();

    // A, B, C ("" = none), transA, transB -> Y, MACs
    [Theory]
    [InlineData("1x9216", "500x9216", "500", 0, 1, "1x500", 4608000L)] // torch Linear export: B is the weight, transposed
    [InlineData("8x4096", "4096x1000", "1000", 0, 0, "8x1000", 32768000L)]
    [InlineData("3x5", "3x7", "", 1, 0, "5x7", 105L)] // A^T
    [InlineData("3x5", "7x3", "5x7", 1, 1, "5x7", 105L)] // both transposed, full C
    [InlineData("4x6", "6x2", "4x1", 0, 0, "4x2", 48L)] // C broadcast along columns
    [InlineData("4x6", "6x2", "", 0, 0, "4x2", 48L)]
    public void Gemm_Attributes_InferShapeAndMacs(string a, string b, string c, long transA, long transB, string expected, long macs)
    {
        var inputs = c.Length == 0 ? new[] { T("a", a), T("b", b) } : new[] { T("a", a), T("b", b), T("c", c) };
        var r = Run(Rule, "Gemm", A(("transA", transA), ("transB", transB)), inputs);
        Assert.Equal(expected, r.Outputs[0].Shape.ToString());
        Assert.Equal(macs, r.Macs);
        Assert.Equal(new[] { SavedTensor.In(0, "A") with { Condition = SaveCondition.OtherOperandRequiresGrad }, SavedTensor.In(1, "B") with { Condition = SaveCondition.OtherOperandRequiresGrad } }, r.Saved);
    }

    [Theory]
    [InlineData("4x6", "5x2", "", 0, "inner dimensions must match")]
    [InlineData("4x6", "6x2", "3", 0, "does not broadcast")]
    [InlineData("4x6", "6x2", "4x2x1", 0, "does not broadcast")]
    [InlineData("2x4x6", "6x2", "", 0, "A must be a matrix")]
    [InlineData("4x6", "6", "", 0, "B must be a matrix")]
    [InlineData("4x6", "6x2", "", 2, "'transA' must be 0 or 1")]
    public void Gemm_BadShapes_Fail(string a, string b, string c, long transA, string expected)
    {
        var inputs = c.Length == 0 ? new[] { T("a", a), T("b", b) } : new[] { T("a", a), T("b", b), T("c", c) };
        Assert.Contains(expected, Fails(Rule, "Gemm", A(("transA", transA)), inputs));
    }

    [Fact]
    public void Gemm_MixedTypes_Fail() =>
        Assert.Contains("same type", Fails(Rule, "Gemm", A(), T("a", "2x2"), T("b", "2x2", DType.Float16)));
}
