using CnnMem.Graphs;
using CnnMem.Ops;
using CnnMem.Ops.Rules;
using static CnnMem.Tests.Ops.ElementwiseTestKit;

namespace CnnMem.Tests.Ops;

public class BinaryArithmeticRuleTests
{
    [Theory]
    [InlineData("Add", "2x3x4", "4", "2x3x4")]
    [InlineData("Sub", "2x1x4", "3x1", "2x3x4")]
    [InlineData("Mul", "1x64x56x56", "1x64x1x1", "1x64x56x56")]
    [InlineData("Div", "5", "scalar", "5")]
    [InlineData("Add", "?x3", "1x3", "?x3")]
    [InlineData("Add", "?x3", "5x1", "5x3")]
    [InlineData("Mul", "Nx1", "Nx4", "Nx4")]
    [InlineData("Add", "Nx1", "Mx4", "?x4")]
    [InlineData("Pow", "3x1x2", "7x1", "3x7x2")]
    public void Binary_Broadcasts(string op, string a, string b, string expected)
    {
        var r = Run(new BinaryArithmeticRule(), op, T("a", a), T("b", b));
        Assert.Equal(Parse(expected), r.Outputs[0].Shape);
        Assert.False(r.CountsInTextbookSum);
    }

    [Theory]
    [InlineData("Add", "2x3", "4")]
    [InlineData("Mul", "2x3x4", "3x1x5")]
    public void Binary_MismatchedBroadcast_Fails(string op, string a, string b)
    {
        var e = Assert.Throws<OpException>(() => Run(new BinaryArithmeticRule(), op, T("a", a), T("b", b)));
        Assert.Contains("cannot be broadcast", e.Message);
    }

    // PyTorch: add/sub save nothing; mul/div both operands; pow operands and result.
    [Theory]
    [InlineData("Add", "")]
    [InlineData("Sub", "")]
    [InlineData("Mul", "Input0,Input1")]
    [InlineData("Div", "Input0,Input1")]
    [InlineData("Pow", "Input0,Input1,Output0")]
    public void Binary_SavesPerPyTorch(string op, string expected)
    {
        var r = Run(new BinaryArithmeticRule(), op, T("a", "2x3"), T("b", "2x3"));
        Assert.Equal(expected, string.Join(",", r.Saved.Select(s => $"{s.Source}{s.Index}")));
    }

    [Theory]
    [InlineData("Add", new long[] { 1, 2, 3 }, new long[] { 10 }, new long[] { 11, 12, 13 })]
    [InlineData("Sub", new long[] { 1, 2, 3 }, new long[] { 1, 1, 1 }, new long[] { 0, 1, 2 })]
    [InlineData("Mul", new long[] { 1, 3, 224, 224 }, new long[] { 2 }, new long[] { 2, 6, 448, 448 })]
    [InlineData("Div", new long[] { 7, -7, 224 }, new long[] { 2 }, new long[] { 3, -3, 112 })]
    [InlineData("Pow", new long[] { 2, 3, -2 }, new long[] { 3 }, new long[] { 8, 27, -8 })]
    [InlineData("Mod", new long[] { 7, -7, 7, -7 }, new long[] { 3, 3, -3, -3 }, new long[] { 1, 2, -2, -1 })]
    [InlineData("BitwiseAnd", new long[] { 12 }, new long[] { 10 }, new long[] { 8 })]
    [InlineData("BitwiseXor", new long[] { 12 }, new long[] { 10 }, new long[] { 6 })]
    public void Binary_IntegerValues_AreComputed(string op, long[] a, long[] b, long[] expected)
    {
        var r = Run(new BinaryArithmeticRule(), op, Ints("a", a), Ints("b", b));
        Assert.Equal(expected, r.Outputs[0].Value!.Ints!.Value);
    }

    [Fact]
    public void Mod_Fmod_FollowsDividendSign()
    {
        var r = new BinaryArithmeticRule().Infer(Ctx("Mod", new[] { Ints("a", new long[] { -7, 7 }), Ints("b", new long[] { 3, -3 }) }, Attr("fmod", 1)));
        Assert.Equal(new long[] { -1, 1 }, r.Outputs[0].Value!.Ints!.Value);
    }

    [Fact]
    public void Mod_FloatWithoutFmod_Fails()
    {
        var e = Assert.Throws<OpException>(() => Run(new BinaryArithmeticRule(), "Mod", T("a", "2"), T("b", "2")));
        Assert.Contains("fmod=1", e.Message);
    }

    [Theory]
    [InlineData("LEFT", DType.UInt8, 200, 1, 144)]
    [InlineData("RIGHT", DType.UInt8, 200, 3, 25)]
    [InlineData("LEFT", DType.UInt32, 1, 31, 2147483648)]
    public void BitShift_ShiftsWithinTypeWidth(string direction, DType t, long a, long b, long expected)
    {
        var attrs = Attributes.From(("direction", AttrValue.Of(direction)));
        var r = new BinaryArithmeticRule().Infer(Ctx("BitShift", new[] { Ints("a", new[] { a }, dtype: t), Ints("b", new[] { b }, dtype: t) }, attrs));
        Assert.Equal(expected, r.Outputs[0].Value!.Ints!.Value[0]);
    }

    [Fact]
    public void BitShift_SignedInput_Fails() =>
        Assert.Throws<OpException>(() => new BinaryArithmeticRule().Infer(Ctx("BitShift", new[] { T("a", "2", DType.Int32), T("b", "2", DType.Int32) }, Attributes.From(("direction", AttrValue.Of("LEFT"))))));

    [Fact]
    public void Div_RealValues_AreComputed()
    {
        var r = Run(new BinaryArithmeticRule(), "Div", Reals("a", new[] { 224.0, 7.0 }), Reals("b", new[] { 2.0 }, "scalar"));
        Assert.Equal(new[] { 112.0, 3.5 }, r.Outputs[0].Value!.Reals!.Value);
    }

    [Fact]
    public void Div_ByZeroInteger_DropsValue() =>
        Assert.Null(Run(new BinaryArithmeticRule(), "Div", Ints("a", new long[] { 4 }), Ints("b", new long[] { 0 })).Outputs[0].Value);

    [Fact]
    public void Mul_OneUnknownValue_HasNoValue() =>
        Assert.Null(Run(new BinaryArithmeticRule(), "Mul", Ints("a", new long[] { 4 }), T("b", "1", DType.Int64)).Outputs[0].Value);

    [Fact]
    public void Add_MixedKinds_Fails()
    {
        var e = Assert.Throws<OpException>(() => Run(new BinaryArithmeticRule(), "Add", T("a", "2"), T("b", "2", DType.Int64)));
        Assert.Contains("float32", e.Message);
        Assert.Contains("int64", e.Message);
    }

    [Fact]
    public void Add_FloatConstantAndActivation_TakesActivationType()
    {
        var r = Run(new BinaryArithmeticRule(), "Add", Reals("c", new[] { 1.0 }, "1"), T("x", "2x3", DType.Float16));
        Assert.Equal(DType.Float16, r.Outputs[0].DType);
    }

    [Fact]
    public void Pow_IntExponent_KeepsBaseType() =>
        Assert.Equal(DType.Float16, Run(new BinaryArithmeticRule(), "Pow", T("a", "3", DType.Float16), T("b", "scalar", DType.Int64)).Outputs[0].DType);

    [Fact]
    public void Add_SpecThreeInputs_SumsAll()
    {
        var r = Run(new BinaryArithmeticRule(), "Add", Ints("a", new long[] { 1 }), Ints("b", new long[] { 2 }), Ints("c", new long[] { 3 }));
        Assert.Equal(6, r.Outputs[0].Value!.Ints!.Value[0]);
        Assert.Equal(2, r.OtherFlops);
    }

    [Fact]
    public void Add_OnnxThreeInputs_Fails() =>
        Assert.Throws<OpException>(() => new BinaryArithmeticRule().Infer(Ctx("Add", new[] { T("a", "1"), T("b", "1"), T("c", "1") }, opset: 13)));

    [Fact]
    public void Sub_SpecThreeInputs_Fails() =>
        Assert.Throws<OpException>(() => Run(new BinaryArithmeticRule(), "Sub", T("a", "1"), T("b", "1"), T("c", "1")));

    [Theory]
    [InlineData("2x3x4x5", "3x4", 1, "2x3x4x5")]
    [InlineData("2x3x4x5", "4x5", null, "2x3x4x5")]
    [InlineData("2x3x4x5", "5", null, "2x3x4x5")]
    public void Add_Opset6LegacyBroadcast_UsesAxis(string a, string b, object? axis, string expected)
    {
        var attrs = Attr("broadcast", 1);
        if (axis is int ax)
        {
            attrs = attrs.With("axis", AttrValue.Of((long)ax));
        }
        var r = new BinaryArithmeticRule().Infer(Ctx("Add", new[] { T("a", a), T("b", b) }, attrs, 6));
        Assert.Equal(Parse(expected), r.Outputs[0].Shape);
    }

    [Fact]
    public void Add_Opset6LegacyBroadcastMismatch_Fails() =>
        Assert.Throws<OpException>(() => new BinaryArithmeticRule().Infer(Ctx("Add", new[] { T("a", "2x3x4x5"), T("b", "3x4") }, Attr("broadcast", 1), 6)));

    [Fact]
    public void Add_Opset6WithoutBroadcastDifferentShapes_Fails()
    {
        var e = Assert.Throws<OpException>(() => new BinaryArithmeticRule().Infer(Ctx("Add", new[] { T("a", "2x3"), T("b", "3") }, opset: 6)));
        Assert.Contains("broadcast=1", e.Message);
    }

    [Theory]
    [InlineData("add", "Add")]
    [InlineData("multiply", "Mul")]
    [InlineData("mul", "Mul")]
    public void SpecKeyword_TakesLayerRefs(string keyword, string op)
    {
        var found = OpRegistry.Default.FindKeyword(keyword)!.Value;
        Assert.Equal(op, found.Syntax.Op);
        Assert.Equal(SpecArgKind.LayerRefs, Assert.Single(found.Syntax.Positional).Kind);
    }
}
