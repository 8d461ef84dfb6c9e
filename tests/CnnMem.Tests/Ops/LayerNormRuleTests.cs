using CnnMem.Core;
using CnnMem.Ops;
using CnnMem.Ops.Rules;
using static CnnMem.Tests.Ops.LayerRuleHarness;

namespace CnnMem.Tests.Ops;

public class LayerNormRuleTests
{
    private static readonly LayerNormRule Rule = new();

    // ONNX: input, axis, scale -> statistics shape (one value per normalized row)
    [Theory]
    [InlineData("1x197x768", -1L, "768", "1x197x1")] // ViT
    [InlineData("2x3x4x5", 2L, "4x5", "2x3x1x1")]
    [InlineData("2x3x4x5", -3L, "3x4x5", "2x1x1x1")]
    [InlineData("2x3x4x5", 0L, "1", "1x1x1x1")] // a broadcast scale
    [InlineData("8x10", 1L, "10", "8x1")]
    public void LayerNorm_OnnxAxis_InfersStatistics(string input, long axis, string scale, string stats)
    {
        var r = Run(Rule, "LayerNormalization", A(("axis", axis)), new TensorInfo?[] { T("x", input), T("s", scale) }, outputs: 3, opset: 17);
        Assert.Equal(new[] { input, stats, stats }, r.Outputs.Select(o => o.Shape.ToString()));
        Assert.Equal(DType.Float32, r.Outputs[2].DType);
        Assert.Equal(new[] { SavedTensor.In(0, "input"), SavedTensor.Out(1, "mean"), SavedTensor.Out(2, "rstd") }, r.Saved);
        Assert.Empty(r.Params);
    }

    // spec layer: input -> params (weight + bias), statistics shape
    [Theory]
    [InlineData("1x96x56x56", 192L, "1x1x56x56")] // ConvNeXt LayerNorm2d: over channels, per pixel
    [InlineData("4x512", 1024L, "4x1")] // over the features
    public void LayerNorm_Spec_NormalizesChannels(string input, long prms, string stats)
    {
        var r = Run(Rule, "LayerNormalization", A(), T("x", input));
        Assert.Equal(input, r.Outputs[0].Shape.ToString());
        Assert.Equal(prms, r.Params.Sum(p => p.Elements));
        Assert.Equal(new[] { ParamRole.Scale, ParamRole.Shift }, r.Params.Select(p => p.Role));
        Assert.Equal(SavedTensor.Extra("rstd", Shape.Of(stats.Split('x').Select(long.Parse).ToArray()), DType.Float32), r.Saved[2]);
    }

    [Fact]
    public void LayerNorm_StashType_SetsStatisticsType()
    {
        var r = Run(Rule, "LayerNormalization", A(("stash_type", 11L)), new TensorInfo?[] { T("x", "2x8", DType.Float16), T("s", "8", DType.Float16) }, outputs: 2);
        Assert.Equal(DType.Float16, r.Outputs[0].DType);
        Assert.Equal(DType.Float64, r.Outputs[1].DType);
    }

    [Theory]
    [InlineData("2x3x4", 3L, "4", "axis must be in [-3, 2]")]
    [InlineData("2x3x4", -4L, "4", "axis must be in [-3, 2]")]
    [InlineData("2x3x4", -1L, "3", "does not broadcast")]
    [InlineData("2x3x4", -1L, "2x4", "does not broadcast")]
    public void LayerNorm_BadAxisOrScale_Fails(string input, long axis, string scale, string expected) =>
        Assert.Contains(expected, Fails(Rule, "LayerNormalization", A(("axis", axis)), T("x", input), T("s", scale)));

    [Fact]
    public void LayerNorm_BadStashType_Fails() =>
        Assert.Contains("stash_type", Fails(Rule, "LayerNormalization", A(("stash_type", 7L)), T("x", "2x4"), T("s", "4")));
}
