using CnnMem.Ops;
using CnnMem.Ops.Rules;
using static CnnMem.Tests.Ops.LayerRuleHarness;

namespace CnnMem.Tests.Ops;

public class GlobalPoolRuleTests
{
    private static readonly GlobalPoolRule Rule = new();

    [Theory]
    [InlineData("GlobalAveragePool", "1x512x7x7", "1x512x1x1", 25088L)]
    [InlineData("GlobalAveragePool", "4x2048x7x7", "4x2048x1x1", 401408L)]
    [InlineData("GlobalMaxPool", "2x8x5", "2x8x1", 80L)]
    [InlineData("GlobalMaxPool", "1x3x4x4x4", "1x3x1x1x1", 192L)]
    public void GlobalPool_ReducesSpatialDims(string op, string input, string expected, long flops)
    {
        var r = Run(Rule, op, A(), T("x", input));
        Assert.Equal(expected, r.Outputs[0].Shape.ToString());
        Assert.Equal(0, r.Macs);
        Assert.Equal(flops, r.OtherFlops);
    }

    [Fact]
    public void GlobalMaxPool_SavesInputAndIndices()
    {
        var r = Run(Rule, "GlobalMaxPool", A(), T("x", "2x16x7x7"));
        Assert.Equal(SavedTensor.In(0, "input"), r.Saved[0]);
        Assert.Equal(SavedTensor.Extra("indices", Shape.Of(2, 16, 1, 1), DType.Int64), r.Saved[1]);
    }

    [Fact]
    public void GlobalAveragePool_SavesInput() =>
        Assert.Equal(new[] { SavedTensor.In(0, "input") }, Run(Rule, "GlobalAveragePool", A(), T("x", "2x16x7x7")).Saved);

    [Theory]
    [InlineData("1x512")]
    [InlineData("512")]
    public void GlobalPool_NoSpatialDims_Fails(string input) =>
        Assert.Contains("spatial dimension", Fails(Rule, "GlobalAveragePool", A(), T("x", input)));
}
