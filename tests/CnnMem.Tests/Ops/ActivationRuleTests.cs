using CnnMem.Core;
using CnnMem.Graphs;
using CnnMem.Ops;
using CnnMem.Ops.Rules;
using static CnnMem.Tests.Ops.ElementwiseTestKit;

namespace CnnMem.Tests.Ops;

public class ActivationRuleTests
{
    // What PyTorch 1.13 keeps (oracle README "What ops save" and derivatives.yaml): result or self.
    [Theory]
    [InlineData("Relu", nameof(SavedSource.Output), true)]
    [InlineData("Sigmoid", nameof(SavedSource.Output), true)]
    [InlineData("Tanh", nameof(SavedSource.Output), true)]
    [InlineData("LeakyRelu", nameof(SavedSource.Input), true)]
    [InlineData("HardSigmoid", nameof(SavedSource.Input), true)]
    [InlineData("HardSwish", nameof(SavedSource.Input), true)]
    [InlineData("Elu", nameof(SavedSource.Input), true)]
    [InlineData("Selu", nameof(SavedSource.Input), true)]
    [InlineData("Celu", nameof(SavedSource.Input), true)]
    [InlineData("Softplus", nameof(SavedSource.Input), false)]
    [InlineData("ThresholdedRelu", nameof(SavedSource.Input), true)]
    [InlineData("Mish", nameof(SavedSource.Input), true)]
    [InlineData("Gelu", nameof(SavedSource.Input), false)]
    public void Activation_KeepsShapeAndSavesPerPyTorch(string op, string saved, bool inPlace)
    {
        var r = Run(new ActivationRule(), op, T("x", "2x3x4x4", DType.Float16));
        Assert.Equal(Shape.Of(2, 3, 4, 4), r.Outputs[0].Shape);
        Assert.Equal(DType.Float16, r.Outputs[0].DType);
        Assert.Equal("y", r.Outputs[0].Name);
        var s = Assert.Single(r.Saved);
        Assert.Equal(Enum.Parse<SavedSource>(saved), s.Source);
        Assert.Equal(0, s.Index);
        Assert.Equal(inPlace, r.CanRunInPlace);
        Assert.False(r.CountsInTextbookSum);
        Assert.Equal(0, r.Macs);
        Assert.True(r.OtherFlops >= 96, $"expected at least one flop per element, found {r.OtherFlops}");
        Assert.Empty(r.Params);
    }

    [Fact]
    public void Softsign_SavesInputAndDenominator()
    {
        var r = Run(new ActivationRule(), "Softsign", T("x", "4x5"));
        Assert.Equal(2, r.Saved.Length);
        Assert.Equal(SavedSource.Input, r.Saved[0].Source);
        Assert.Equal(SavedSource.Extra, r.Saved[1].Source);
        Assert.Equal(Shape.Of(4, 5), r.Saved[1].Shape);
    }

    [Theory]
    [InlineData("Nx3x?x?")]
    [InlineData("?")]
    [InlineData("scalar")]
    public void Relu_UnknownDims_PassThrough(string shape)
    {
        var r = Run(new ActivationRule(), "Relu", T("x", shape));
        Assert.Equal(Parse(shape), r.Outputs[0].Shape);
    }

    [Fact]
    public void Relu_UnrankedInput_GivesUnrankedOutput()
    {
        var r = Run(new ActivationRule(), "Relu", new TensorInfo("x", DType.Float32, Shape.Unranked));
        Assert.False(r.Outputs[0].Shape.IsRanked);
        Assert.Equal(0, r.OtherFlops);
    }

    [Fact]
    public void Gelu_BadApproximate_Fails()
    {
        var attrs = Attributes.From(("approximate", AttrValue.Of("fast")));
        var e = Assert.Throws<OpException>(() => new ActivationRule().Infer(Ctx("Gelu", new[] { T("x", "2x2") }, attrs)));
        Assert.Contains("'fast'", e.Message);
    }

    [Fact]
    public void LeakyRelu_AlphaOfWrongKind_Fails()
    {
        var attrs = Attributes.From(("alpha", AttrValue.Of("big")));
        Assert.Throws<OpException>(() => new ActivationRule().Infer(Ctx("LeakyRelu", new[] { T("x", "2x2") }, attrs)));
    }

    [Fact]
    public void Relu_TwoInputs_Fails()
    {
        var e = Assert.Throws<OpException>(() => Run(new ActivationRule(), "Relu", T("x", "2"), T("z", "2")));
        Assert.Contains("found 2", e.Message);
    }

    [Fact]
    public void Sigmoid_BoolInput_Fails()
    {
        var e = Assert.Throws<OpException>(() => Run(new ActivationRule(), "Sigmoid", T("x", "2", DType.Bool)));
        Assert.Contains("bool", e.Message);
    }

    [Theory]
    [InlineData("relu", "Relu")]
    [InlineData("leakyrelu", "LeakyRelu")]
    [InlineData("sigmoid", "Sigmoid")]
    [InlineData("tanh", "Tanh")]
    [InlineData("gelu", "Gelu")]
    [InlineData("hardswish", "HardSwish")]
    [InlineData("hardsigmoid", "HardSigmoid")]
    [InlineData("elu", "Elu")]
    [InlineData("softplus", "Softplus")]
    public void SpecKeyword_MapsToOp(string keyword, string op)
    {
        var found = OpRegistry.Default.FindKeyword(keyword);
        Assert.NotNull(found);
        Assert.IsType<ActivationRule>(found.Value.Rule);
        Assert.Equal(op, found.Value.Syntax.Op);
        Assert.Same(found.Value.Rule, OpRegistry.Default.Find("", op));
    }

    [Fact]
    public void SpecHardSigmoid_FixesPyTorchSlope() =>
        Assert.Equal(1.0 / 6, OpRegistry.Default.FindKeyword("hardsigmoid")!.Value.Syntax.Fixed["alpha"].Float, 12);
}
