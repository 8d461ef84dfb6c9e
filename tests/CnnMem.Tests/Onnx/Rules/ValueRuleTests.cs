using CnnMem.Core;
using CnnMem.Graphs;
using CnnMem.Ops.Rules.Onnx;
using static CnnMem.Tests.Onnx.Rules.RuleKit;

namespace CnnMem.Tests.Onnx.Rules;

/// <summary>Constant, ConstantOfShape, Range, Cast, Resize, Einsum.</summary>
public class ValueRuleTests
{
    [Fact]
    public void Constant_ValueInts_KnownValue()
    {
        var r = Run(new ConstantRule(), "Constant", A(("value_ints", L(1, -1))), 13);
        Assert.Equal(DType.Int64, r.Outputs[0].DType);
        Assert.Equal(new long[] { 1, -1 }, r.Outputs[0].Value!.AsLongs());
    }

    [Fact]
    public void Constant_Tensor_KeepsShapeAndValue()
    {
        var t = Ints("c", 4, 5, 6);
        var r = Run(new ConstantRule(), "Constant", A(("value", AttrValue.Of(t))), 13);
        Assert.Equal(Shape.Of(3), r.Outputs[0].Shape);
        Assert.Equal(new long[] { 4, 5, 6 }, r.Outputs[0].Value!.AsLongs());
    }

    [Fact]
    public void Constant_DeclaresItselfAConstant_OtherValueOpsDoNot()
    {
        Assert.True(Run(new ConstantRule(), "Constant", A(("value_ints", L(1, -1))), 13).IsConstant); // the memory model reads the flag, not the op name
        Assert.False(Run(new ConstantOfShapeRule(), "ConstantOfShape", A(), 13, Ints("shape", 2, 3)).IsConstant);
    }

    [Fact]
    public void Constant_SparseValue_FailsClearly()
    {
        var e = Assert.Throws<OpException>(() => Run(new ConstantRule(), "Constant", A(("sparse_value", new AttrValue(AttrKind.Graph))), 13));
        Assert.Contains("sparse", e.Message);
    }

    [Fact]
    public void ConstantOfShape_KnownShape_FillsValue()
    {
        var fill = new TensorInfo("v", DType.Int64, Shape.Of(1), TensorValue.FromInts(DType.Int64, Shape.Of(1), new[] { 7L }));
        var r = Run(new ConstantOfShapeRule(), "ConstantOfShape", A(("value", AttrValue.Of(fill))), 13, Ints("s", 2, 3));
        Assert.Equal(Shape.Of(2, 3), r.Outputs[0].Shape);
        Assert.Equal(DType.Int64, r.Outputs[0].DType);
        Assert.Equal(Enumerable.Repeat(7L, 6), r.Outputs[0].Value!.AsLongs());
    }

    [Fact]
    public void ConstantOfShape_RuntimeShape_UnknownDimsOfItsLength()
    {
        var r = Run(new ConstantOfShapeRule(), "ConstantOfShape", Attributes.Empty, 13, RuntimeInts("s", 3));
        Assert.Equal(3, r.Outputs[0].Shape.Rank);
        Assert.All(r.Outputs[0].Shape, d => Assert.True(d.IsUnknown));
        Assert.Equal(DType.Float32, r.Outputs[0].DType);
    }

    [Theory]
    [InlineData(0, 10, 3, "0,3,6,9")]
    [InlineData(10, 4, -2, "10,8,6")]
    [InlineData(1, 1, 1, "")]
    public void Range_Bounds_GivesValues(long start, long limit, long delta, string expected)
    {
        var r = Run(new RangeRule(), "Range", Attributes.Empty, 11, Scalar("a", start), Scalar("b", limit), Scalar("c", delta));
        var want = expected.Length == 0 ? Array.Empty<long>() : expected.Split(',').Select(long.Parse).ToArray();
        Assert.Equal(Shape.Of((long)want.Length), r.Outputs[0].Shape);
        Assert.Equal(want, r.Outputs[0].Value!.AsLongs());
    }

    [Fact]
    public void Cast_ToFloat_ConvertsValueAndType()
    {
        var r = Run(new CastRule(), "Cast", A(("to", AttrValue.Of(1L))), 13, Ints("x", 2, 3));
        Assert.Equal(DType.Float32, r.Outputs[0].DType);
        Assert.Equal(new double[] { 2, 3 }, r.Outputs[0].Value!.AsDoubles());
    }

    [Fact]
    public void CastLike_TakesSecondInputsType()
    {
        var r = Run(new CastRule(), "CastLike", Attributes.Empty, 15, T("x", "2x3"), T("y", "1", DType.Float16));
        Assert.Equal(DType.Float16, r.Outputs[0].DType);
    }

    [Theory]
    [InlineData("1x3x4x5", "1,1,2,2", "1x3x8x10")]
    [InlineData("1x3x4x5", "1,1,0.5,0.6", "1x3x2x3")]
    public void Resize_Scales_FloorsProducts(string input, string scales, string expected)
    {
        var s = scales.Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var r = Run(new ResizeRule(), "Resize", Attributes.Empty, 13, T("x", input), null, Floats("s", s));
        Assert.Equal(expected, r.Outputs[0].Shape.ToString());
    }

    [Fact]
    public void Resize_SizesNotLarger_KeepsAspectRatio()
    {
        // 4x6 into at most 7x8: scale = min(7/4, 8/6) = 1.333.., so 5.33 -> 5 and 8.
        var r = Run(new ResizeRule(), "Resize", A(("keep_aspect_ratio_policy", AttrValue.Of("not_larger")), ("axes", L(2, 3))), 18,
            T("x", "1x1x4x6"), null, null, Ints("sizes", 7, 8));
        Assert.Equal(Shape.Of(1, 1, 5, 8), r.Outputs[0].Shape);
    }

    [Fact]
    public void Upsample_OpsetSevenAttribute_Scales()
    {
        var r = Run(new ResizeRule(), "Upsample", A(("scales", AttrValue.Of(new[] { 1.0, 1.0, 2.0, 3.0 }))), 7, T("x", "1x1x2x2"));
        Assert.Equal(Shape.Of(1, 1, 4, 6), r.Outputs[0].Shape);
    }

    [Theory]
    [InlineData("ij,jk->ik", "2x3", "3x4", "2x4", 24L)]
    [InlineData("ij,jk", "2x3", "3x4", "2x4", 24L)]
    [InlineData("bij,bjk->bik", "5x2x3", "5x3x4", "5x2x4", 120L)]
    [InlineData("...ij,...jk->...ik", "5x2x3", "3x4", "5x2x4", 120L)]
    [InlineData("i,i->", "7", "7", "scalar", 7L)]
    public void Einsum_Equation_InfersShapeAndMacs(string eq, string a, string b, string expected, long macs)
    {
        var r = Run(new EinsumRule(), "Einsum", A(("equation", AttrValue.Of(eq))), 12, T("a", a), T("b", b));
        Assert.Equal(expected, r.Outputs[0].Shape.ToString());
        Assert.Equal(macs, r.Macs);
    }

    [Fact]
    public void Einsum_Transpose_SingleOperand()
    {
        var r = Run(new EinsumRule(), "Einsum", A(("equation", AttrValue.Of("ij->ji"))), 12, T("a", "2x3"));
        Assert.Equal(Shape.Of(3, 2), r.Outputs[0].Shape);
        Assert.Equal(0L, r.Macs);
    }
}
