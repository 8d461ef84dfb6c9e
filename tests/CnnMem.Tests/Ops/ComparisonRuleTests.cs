using CnnMem.Graphs;
using CnnMem.Ops.Rules;
using static CnnMem.Tests.Ops.ElementwiseTestKit;

namespace CnnMem.Tests.Ops;

public class ComparisonRuleTests
{
    [Theory]
    [InlineData("Equal", "2x3", "3", DType.Int64, "2x3")]
    [InlineData("Less", "4x1", "1x5", DType.Float32, "4x5")]
    [InlineData("GreaterOrEqual", "?x3", "1", DType.Float16, "?x3")]
    [InlineData("And", "2", "2", DType.Bool, "2")]
    [InlineData("Xor", "scalar", "3x2", DType.Bool, "3x2")]
    public void Comparison_BroadcastsToBool(string op, string a, string b, DType t, string expected)
    {
        var r = Run(new ComparisonRule(), op, T("a", a, t), T("b", b, t));
        Assert.Equal(Parse(expected), r.Outputs[0].Shape);
        Assert.Equal(DType.Bool, r.Outputs[0].DType);
        Assert.Empty(r.Saved);
    }

    [Theory]
    [InlineData("Equal", new long[] { 1, 2, 3 }, new long[] { 2 }, new long[] { 0, 1, 0 })]
    [InlineData("Less", new long[] { 1, 2, 3 }, new long[] { 2 }, new long[] { 1, 0, 0 })]
    [InlineData("LessOrEqual", new long[] { 1, 2, 3 }, new long[] { 2 }, new long[] { 1, 1, 0 })]
    [InlineData("Greater", new long[] { 1, 2, 3 }, new long[] { 2 }, new long[] { 0, 0, 1 })]
    [InlineData("GreaterOrEqual", new long[] { 1, 2, 3 }, new long[] { 2 }, new long[] { 0, 1, 1 })]
    public void Comparison_IntegerValues_AreComputed(string op, long[] a, long[] b, long[] expected) =>
        Assert.Equal(expected, Run(new ComparisonRule(), op, Ints("a", a), Ints("b", b)).Outputs[0].Value!.Ints!.Value);

    [Theory]
    [InlineData("And", new long[] { 0, 0, 1, 1 }, new long[] { 0, 1, 0, 1 }, new long[] { 0, 0, 0, 1 })]
    [InlineData("Or", new long[] { 0, 0, 1, 1 }, new long[] { 0, 1, 0, 1 }, new long[] { 0, 1, 1, 1 })]
    [InlineData("Xor", new long[] { 0, 0, 1, 1 }, new long[] { 0, 1, 0, 1 }, new long[] { 0, 1, 1, 0 })]
    public void Logic_BoolValues_AreComputed(string op, long[] a, long[] b, long[] expected) =>
        Assert.Equal(expected, Run(new ComparisonRule(), op, Ints("a", a, dtype: DType.Bool), Ints("b", b, dtype: DType.Bool)).Outputs[0].Value!.Ints!.Value);

    [Fact]
    public void Less_RealValues_GiveBoolInts() =>
        Assert.Equal(new long[] { 1, 0 }, Run(new ComparisonRule(), "Less", Reals("a", new[] { 0.5, 2.5 }), Reals("b", new[] { 1.0 }, "scalar")).Outputs[0].Value!.Ints!.Value);

    [Fact]
    public void And_IntInputs_Fails() =>
        Assert.Throws<OpException>(() => Run(new ComparisonRule(), "And", T("a", "2", DType.Int64), T("b", "2", DType.Int64)));

    [Fact]
    public void Equal_DifferentKinds_Fails() =>
        Assert.Throws<OpException>(() => Run(new ComparisonRule(), "Equal", T("a", "2", DType.Int64), T("b", "2", DType.Float32)));

    [Fact]
    public void Greater_MismatchedShapes_Fails() =>
        Assert.Throws<OpException>(() => Run(new ComparisonRule(), "Greater", T("a", "2x3"), T("b", "2")));
}
