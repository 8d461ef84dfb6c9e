using CnnMem.Core;
using CnnMem.Graphs;
using CnnMem.Ops;
using CnnMem.Ops.Rules;
using static CnnMem.Tests.Ops.ElementwiseTestKit;

namespace CnnMem.Tests.Ops;

public class VariadicElementwiseRuleTests
{
    [Theory]
    [InlineData("Sum", new[] { "2x3" }, "2x3")]
    [InlineData("Sum", new[] { "2x3", "3", "1x1" }, "2x3")]
    [InlineData("Max", new[] { "4x1x5", "3x1", "5" }, "4x3x5")]
    [InlineData("Mean", new[] { "?x8", "1x8" }, "?x8")]
    [InlineData("Min", new[] { "scalar", "7" }, "7")]
    public void Variadic_BroadcastsAllInputs(string op, string[] shapes, string expected)
    {
        var r = new VariadicElementwiseRule().Infer(Ctx(op, shapes.Select((s, i) => (TensorInfo?)T($"x{i}", s)).ToList()));
        Assert.Equal(Parse(expected), r.Outputs[0].Shape);
        Assert.False(r.CountsInTextbookSum);
    }

    [Theory]
    [InlineData("Max", new long[] { 1, 9, 3 })]
    [InlineData("Min", new long[] { -4, 2, 0 })]
    [InlineData("Sum", new long[] { -3, 13, 3 })]
    public void Variadic_IntegerValues_AreComputed(string op, long[] expected)
    {
        var r = Run(new VariadicElementwiseRule(), op, Ints("a", new long[] { 1, 2, 3 }), Ints("b", new long[] { -4, 9, 0 }), Ints("c", new long[] { 0, 2, 0 }));
        Assert.Equal(expected, r.Outputs[0].Value!.Ints!.Value);
    }

    [Fact]
    public void Mean_RealValues_AreAveraged() =>
        Assert.Equal(new[] { 2.0, 5.0 }, Run(new VariadicElementwiseRule(), "Mean", Reals("a", new[] { 1.0, 4.0 }), Reals("b", new[] { 3.0, 6.0 })).Outputs[0].Value!.Reals!.Value);

    [Theory]
    [InlineData("Max", 2)]
    [InlineData("Min", 2)]
    [InlineData("Sum", 0)]
    [InlineData("Mean", 0)]
    public void Variadic_SavesOperandsForMaxMin(string op, int saved)
    {
        var r = Run(new VariadicElementwiseRule(), op, T("a", "3"), T("b", "3"));
        Assert.Equal(saved, r.Saved.Length);
        Assert.All(r.Saved, s => Assert.Equal(SavedSource.Input, s.Source));
    }

    [Fact]
    public void Sum_NoInputs_Fails() =>
        Assert.Throws<OpException>(() => new VariadicElementwiseRule().Infer(Ctx("Sum", Array.Empty<TensorInfo?>())));

    [Fact]
    public void Max_MismatchedShapes_Fails() =>
        Assert.Throws<OpException>(() => Run(new VariadicElementwiseRule(), "Max", T("a", "3"), T("b", "4")));
}
