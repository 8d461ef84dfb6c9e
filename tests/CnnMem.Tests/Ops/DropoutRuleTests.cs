using CnnMem.Core;
using CnnMem.Ops;
using CnnMem.Ops.Rules;
using static CnnMem.Tests.Ops.LayerRuleHarness;

namespace CnnMem.Tests.Ops;

public class DropoutRuleTests
{
    private static readonly DropoutRule Rule = new();

    private static TensorInfo Scalar(string name, double v) =>
        new(name, DType.Float32, Shape.Scalar, TensorValue.FromReals(DType.Float32, Shape.Scalar, new[] { v }));

    [Theory]
    [InlineData("1x4096", 0.5)]
    [InlineData("8x500", 0.2)]
    [InlineData("2x16x8x8", 0.1)]
    public void Dropout_Spec_IdentityInInferenceKeepsFloatMaskInTraining(string input, double ratio)
    {
        var r = Run(Rule, "Dropout", A(("ratio", ratio)), T("x", input));
        Assert.Equal(input, r.Outputs[0].Shape.ToString());
        // training allocates input * mask; eval passes the input through
        Assert.Null(r.ViewOfInput);
        Assert.True(r.IdentityInInference);
        Assert.False(r.CountsInTextbookSum);
        var mask = Assert.Single(r.Saved);
        Assert.Equal(SavedTensor.Extra("mask", r.Outputs[0].Shape, DType.Float32) with { IsMask = true }, mask);
    }

    [Fact]
    public void Dropout_ZeroRatio_KeepsNothingAndIsAView()
    {
        var r = Run(Rule, "Dropout", A(("ratio", 0.0)), T("x", "1x197x768"));
        Assert.Empty(r.Saved);
        Assert.Equal(0, r.ViewOfInput);
    }

    [Fact]
    public void Dropout_Opset12_ReadsRatioInput()
    {
        var inputs = new TensorInfo?[] { T("x", "1x10"), Scalar("r", 0.0) };
        Assert.Empty(Run(Rule, "Dropout", A(), inputs, opset: 13).Saved);
    }

    [Fact]
    public void Dropout_UnknownRatioInput_KeepsMask()
    {
        var inputs = new TensorInfo?[] { T("x", "1x10"), T("r", "") };
        Assert.Single(Run(Rule, "Dropout", A(), inputs, opset: 13).Saved);
    }

    [Theory]
    [InlineData(13L, DType.Bool)]
    [InlineData(10L, DType.Bool)]
    [InlineData(7L, DType.Float16)] // before opset 10 the mask had the input's type
    public void Dropout_MaskOutput_HasOpsetType(long opset, DType mask)
    {
        var r = Run(Rule, "Dropout", A(), new TensorInfo?[] { T("x", "2x3", DType.Float16) }, outputs: 2, opset: opset);
        Assert.Equal(mask, r.Outputs[1].DType);
        Assert.Equal(Shape.Of(2, 3), r.Outputs[1].Shape);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    public void Dropout_RatioOutOfRange_Fails(double ratio) =>
        Assert.Contains("ratio must be in [0, 1)", Fails(Rule, "Dropout", A(("ratio", ratio)), T("x", "1x10")));

    [Fact]
    public void Dropout_NonScalarRatio_Fails() =>
        Assert.Contains("ratio must be a scalar", Fails(Rule, "Dropout", A(), T("x", "1x10"), T("r", "2")));

    [Fact]
    public void Dropout_NonBoolTrainingMode_Fails() =>
        Assert.Contains("training_mode must be a bool", Fails(Rule, "Dropout", A(), T("x", "1x10"), Scalar("r", 0.5), T("t", "", DType.Int64)));
}
