using CnnMem.Ops;
using CnnMem.Ops.Rules;
using static CnnMem.Tests.Ops.LayerRuleHarness;

namespace CnnMem.Tests.Ops;

public class LinearRuleTests
{
    private static readonly LinearRule Rule = new();

    // spec layer: input, units, bias -> output, params, MACs
    [Theory]
    [InlineData("1x9216", 500, 1, "1x500", 4608500L, 4608000L)] // the classic answer's fc1
    [InlineData("1x64x12x12", 500, 1, "1x500", 4608500L, 4608000L)] // flattened automatically
    [InlineData("64x500", 10, 1, "64x10", 5010L, 320000L)]
    [InlineData("1x100", 10, 0, "1x10", 1000L, 1000L)] // bias off
    [InlineData("2x512x1x1", 1000, 1, "2x1000", 513000L, 1024000L)] // ResNet head after global pooling
    public void Linear_Spec_InfersShapeParamsMacs(string input, long units, long bias, string expected, long prms, long macs)
    {
        var r = Run(Rule, "Linear", A(("units", units), ("bias", bias)), T("x", input));
        Assert.Equal(expected, r.Outputs[0].Shape.ToString());
        Assert.Equal(prms, r.Params.Sum(p => p.Elements));
        Assert.Equal(macs, r.Macs);
        Assert.Equal("n.weight", r.Params[0].Name);
        Assert.Equal(new[] { SavedTensor.In(0, "input") with { Condition = SaveCondition.WeightRequiresGrad } }, r.Saved);
    }

    [Fact]
    public void Linear_Spec_BiasIsNamedAndShaped()
    {
        var r = Run(Rule, "Linear", A(("units", 500L)), T("x", "1x9216"));
        Assert.Equal(new[] { ("n.weight", "500x9216", ParamRole.Weight), ("n.bias", "500", ParamRole.Bias) },
            r.Params.Select(p => (p.Name, p.Shape.ToString(), p.Role)));
    }

    // weight input: input, weight -> output, MACs
    [Theory]
    [InlineData("2x9216", "500x9216", "2x500", 9216000L)]
    [InlineData("1x64x12x12", "500x9216", "1x500", 4608000L)] // flattens when the last axis does not fit
    [InlineData("1x197x768", "3072x768", "1x197x3072", 464781312L)] // applies to the last axis, like torch
    public void Linear_WeightInput_InfersShapeAndMacs(string input, string weight, string expected, long macs)
    {
        var r = Run(Rule, "Linear", A(), T("x", input), T("w", weight));
        Assert.Equal(expected, r.Outputs[0].Shape.ToString());
        Assert.Empty(r.Params); // the engine charges initializers
        Assert.Equal(macs, r.Macs);
    }

    [Fact]
    public void Linear_WeightInputWithBias_Accepted() =>
        Assert.Equal("4x10", Run(Rule, "Linear", A(), T("x", "4x20"), T("w", "10x20"), T("b", "10")).Outputs[0].Shape.ToString());

    [Theory]
    [InlineData("1x9216", 0L, "at least 1")]
    [InlineData("1x9216", -5L, "at least 1")]
    [InlineData("9216", 10L, "batch axis")]
    public void Linear_Spec_BadUnitsOrRank_Fail(string input, long units, string expected) =>
        Assert.Contains(expected, Fails(Rule, "Linear", A(("units", units)), T("x", input)));

    [Theory]
    [InlineData("2x100", "10x99", "", "expects 99 input features")]
    [InlineData("2x100", "10x100x1", "", "weight must be [units, in_features]")]
    [InlineData("2x100", "10x100", "9", "bias has shape 9")]
    public void Linear_WeightInput_Mismatch_Fails(string input, string weight, string bias, string expected)
    {
        var inputs = bias.Length == 0 ? new[] { T("x", input), T("w", weight) } : new[] { T("x", input), T("w", weight), T("b", bias) };
        Assert.Contains(expected, Fails(Rule, "Linear", A(), inputs));
    }

    [Fact]
    public void Linear_MissingUnits_Fails() =>
        Assert.Contains("units", Fails(Rule, "Linear", A(), T("x", "1x10")));
}
