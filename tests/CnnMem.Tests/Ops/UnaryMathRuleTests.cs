using CnnMem.Core;
using CnnMem.Graphs;
using CnnMem.Ops.Rules;
using static CnnMem.Tests.Ops.ElementwiseTestKit;

namespace CnnMem.Tests.Ops;

public class UnaryMathRuleTests
{
    [Theory]
    [InlineData("Exp", DType.Float32, DType.Float32)]
    [InlineData("Sqrt", DType.Float16, DType.Float16)]
    [InlineData("Neg", DType.Int64, DType.Int64)]
    [InlineData("Abs", DType.Int32, DType.Int32)]
    [InlineData("Floor", DType.Float64, DType.Float64)]
    [InlineData("Erf", DType.Float32, DType.Float32)]
    [InlineData("Atanh", DType.Float32, DType.Float32)]
    [InlineData("IsNaN", DType.Float32, DType.Bool)]
    [InlineData("IsInf", DType.Float64, DType.Bool)]
    [InlineData("Not", DType.Bool, DType.Bool)]
    [InlineData("BitwiseNot", DType.UInt8, DType.UInt8)]
    public void UnaryMath_KeepsShape_GivesDType(string op, DType input, DType output)
    {
        var r = Run(new UnaryMathRule(), op, T("x", "N1x?x5", input));
        Assert.Equal(Parse("N1x?x5"), r.Outputs[0].Shape);
        Assert.Equal(output, r.Outputs[0].DType);
        Assert.False(r.CountsInTextbookSum);
    }

    // derivatives.yaml: exp/sqrt/reciprocal/tan use result; log/abs/erf/sin/... use self; neg/floor/sign nothing.
    [Theory]
    [InlineData("Exp", "Output")]
    [InlineData("Sqrt", "Output")]
    [InlineData("Reciprocal", "Output")]
    [InlineData("Tan", "Output")]
    [InlineData("Log", "Input")]
    [InlineData("Abs", "Input")]
    [InlineData("Erf", "Input")]
    [InlineData("Sin", "Input")]
    [InlineData("Cosh", "Input")]
    [InlineData("Neg", "")]
    [InlineData("Floor", "")]
    [InlineData("Round", "")]
    [InlineData("Sign", "")]
    public void UnaryMath_SavesPerPyTorch(string op, string saved)
    {
        var r = Run(new UnaryMathRule(), op, T("x", "3x4"));
        Assert.Equal(saved, string.Join(",", r.Saved.Select(s => s.Source.ToString())));
    }

    [Theory]
    [InlineData("Neg", new long[] { 3, -4, 0 }, new long[] { -3, 4, 0 })]
    [InlineData("Abs", new long[] { 3, -4, 0 }, new long[] { 3, 4, 0 })]
    [InlineData("Sign", new long[] { 3, -4, 0 }, new long[] { 1, -1, 0 })]
    public void UnaryMath_IntegerValues_AreComputed(string op, long[] input, long[] expected)
    {
        var r = Run(new UnaryMathRule(), op, Ints("x", input));
        Assert.Equal(expected, r.Outputs[0].Value!.Ints!.Value);
        Assert.Equal(DType.Int64, r.Outputs[0].Value!.DType);
    }

    [Fact]
    public void Not_BoolValues_AreNegated() =>
        Assert.Equal(new long[] { 0, 1 }, Run(new UnaryMathRule(), "Not", Ints("x", new long[] { 1, 0 }, dtype: DType.Bool)).Outputs[0].Value!.Ints!.Value);

    [Theory]
    [InlineData(DType.UInt8, 5, 250)]
    [InlineData(DType.Int8, 5, -6)]
    [InlineData(DType.UInt16, 0, 65535)]
    public void BitwiseNot_MasksToTypeWidth(DType t, long input, long expected) =>
        Assert.Equal(expected, Run(new UnaryMathRule(), "BitwiseNot", Ints("x", new[] { input }, dtype: t)).Outputs[0].Value!.Ints!.Value[0]);

    [Theory]
    [InlineData("Floor", 2.5, 2.0)]
    [InlineData("Ceil", 2.1, 3.0)]
    [InlineData("Round", 2.5, 2.0)]
    [InlineData("Round", 3.5, 4.0)]
    [InlineData("Round", -0.5, 0.0)]
    [InlineData("Sqrt", 16.0, 4.0)]
    [InlineData("Reciprocal", 4.0, 0.25)]
    public void UnaryMath_RealValues_AreComputed(string op, double input, double expected) =>
        Assert.Equal(expected, Run(new UnaryMathRule(), op, Reals("x", new[] { input })).Outputs[0].Value!.Reals!.Value[0]);

    [Fact]
    public void IsInf_DetectNegativeOff_IgnoresNegativeInfinity()
    {
        var x = Reals("x", new[] { double.NegativeInfinity, double.PositiveInfinity, 1.0 });
        var r = new UnaryMathRule().Infer(Ctx("IsInf", new[] { x }, Attr("detect_negative", 0)));
        Assert.Equal(new long[] { 0, 1, 0 }, r.Outputs[0].Value!.Ints!.Value);
    }

    [Fact]
    public void Abs_OfMinValue_DropsValueInsteadOfOverflowing() =>
        Assert.Null(Run(new UnaryMathRule(), "Abs", Ints("x", new[] { long.MinValue })).Outputs[0].Value);

    [Theory]
    [InlineData("Exp", DType.Int64)]
    [InlineData("Not", DType.Float32)]
    [InlineData("BitwiseNot", DType.Float32)]
    [InlineData("IsNaN", DType.Int32)]
    [InlineData("Neg", DType.Bool)]
    public void UnaryMath_WrongInputType_Fails(string op, DType t)
    {
        var e = Assert.Throws<OpException>(() => Run(new UnaryMathRule(), op, T("x", "2", t)));
        Assert.Contains(DTypes.Name(t), e.Message);
    }

    [Fact]
    public void UnaryMath_BigInput_HasNoValue() =>
        Assert.Null(Run(new UnaryMathRule(), "Neg", Ints("x", new long[2000])).Outputs[0].Value);
}
