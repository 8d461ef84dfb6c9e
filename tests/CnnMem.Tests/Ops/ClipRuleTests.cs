using CnnMem.Graphs;
using CnnMem.Ops;
using CnnMem.Ops.Rules;
using static CnnMem.Tests.Ops.ElementwiseTestKit;

namespace CnnMem.Tests.Ops;

public class ClipRuleTests
{
    [Theory]
    [InlineData(6)]
    [InlineData(13)]
    [InlineData(0)]
    public void Clip_KeepsShape_SavesInput(long opset)
    {
        var inputs = opset is > 0 and < 11
            ? new[] { T("x", "1x32x4x4") }
            : new[] { T("x", "1x32x4x4"), Reals("lo", new[] { 0.0 }, "scalar"), Reals("hi", new[] { 6.0 }, "scalar") };
        var attrs = opset is > 0 and < 11 ? Attributes.From(("min", AttrValue.Of(0.0)), ("max", AttrValue.Of(6.0))) : null;
        var r = new ClipRule().Infer(Ctx("Clip", inputs, attrs, opset));
        Assert.Equal(Shape.Of(1, 32, 4, 4), r.Outputs[0].Shape);
        Assert.Equal(SavedSource.Input, Assert.Single(r.Saved).Source);
        Assert.True(r.CanRunInPlace);
    }

    [Fact]
    public void Clip_Opset11_OmittedMin_Works()
    {
        var r = new ClipRule().Infer(Ctx("Clip", new[] { T("x", "3"), null, Reals("hi", new[] { 1.0 }, "scalar") }, opset: 12));
        Assert.Equal(Shape.Of(3), r.Outputs[0].Shape);
    }

    [Fact]
    public void Clip_KnownIntegerValues_AreClipped()
    {
        var x = Ints("x", new long[] { -5, 0, 3, 99 });
        var r = new ClipRule().Infer(Ctx("Clip", new[] { x, Ints("lo", new long[] { 0 }, "scalar"), Ints("hi", new long[] { 10 }, "scalar") }, opset: 13));
        Assert.Equal(new long[] { 0, 0, 3, 10 }, r.Outputs[0].Value!.Ints!.Value);
    }

    [Fact]
    public void Clip_Opset6_WithBoundInputs_Fails()
    {
        var e = Assert.Throws<OpException>(() => new ClipRule().Infer(Ctx("Clip", new[] { T("x", "3"), Reals("lo", new[] { 0.0 }, "scalar") }, opset: 6)));
        Assert.Contains("attributes before opset 11", e.Message);
    }

    [Fact]
    public void Clip_Opset13_WithBoundAttributes_Fails() =>
        Assert.Throws<OpException>(() => new ClipRule().Infer(Ctx("Clip", new[] { T("x", "3") }, Attributes.From(("min", AttrValue.Of(0.0))), 13)));

    [Fact]
    public void Clip_VectorBound_Fails()
    {
        var e = Assert.Throws<OpException>(() => new ClipRule().Infer(Ctx("Clip", new[] { T("x", "3"), T("lo", "3") }, opset: 13)));
        Assert.Contains("scalar", e.Message);
    }

    [Fact]
    public void Clip_MinAboveMax_Fails() =>
        Assert.Throws<OpException>(() => new ClipRule().Infer(Ctx("Clip", new[] { T("x", "3") }, Attributes.From(("min", AttrValue.Of(2.0)), ("max", AttrValue.Of(1.0))), 6)));
}
