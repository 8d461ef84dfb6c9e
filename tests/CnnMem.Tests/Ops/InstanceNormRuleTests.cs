using CnnMem.Ops;
using CnnMem.Ops.Rules;
using static CnnMem.Tests.Ops.LayerRuleHarness;

namespace CnnMem.Tests.Ops;

public class InstanceNormRuleTests
{
    private static readonly InstanceNormRule Rule = new();

    [Theory]
    [InlineData("1x64x32x32", 64L)]
    [InlineData("4x3x10", 12L)]
    [InlineData("2x8x4x4x4", 16L)]
    public void InstanceNorm_Onnx_SavesPerSampleChannelStats(string input, long rows)
    {
        var c = input.Split('x')[1];
        var r = Run(Rule, "InstanceNormalization", A(), T("x", input), T("s", c), T("b", c));
        Assert.Equal(input, r.Outputs[0].Shape.ToString());
        Assert.Empty(r.Params);
        Assert.Equal(new[]
        {
            SavedTensor.In(0, "input"),
            SavedTensor.Extra("save_mean", Shape.Of(rows), DType.Float32),
            SavedTensor.Extra("save_invstd", Shape.Of(rows), DType.Float32),
        }, r.Saved);
    }

    [Theory]
    [InlineData(1L, 128L)]
    [InlineData(0L, 0L)]
    public void InstanceNorm_Spec_AffineParams(long affine, long prms) =>
        Assert.Equal(prms, Run(Rule, "InstanceNormalization", A(("affine", affine)), T("x", "1x64x8x8")).Params.Sum(p => p.Elements));

    [Theory]
    [InlineData("1x64x8x8", "32", "scale has shape 32")]
    [InlineData("1x64", "64", "spatial dimension")]
    public void InstanceNorm_BadShapes_Fail(string input, string scale, string expected) =>
        Assert.Contains(expected, Fails(Rule, "InstanceNormalization", A(), T("x", input), T("s", scale), T("b", "64")));

    [Fact]
    public void InstanceNorm_MissingBias_Fails() =>
        Assert.Contains("expects input 2", Fails(Rule, "InstanceNormalization", A(), T("x", "1x4x2x2"), T("s", "4")));
}
