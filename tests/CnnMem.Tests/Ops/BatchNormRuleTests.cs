using CnnMem.Core;
using CnnMem.Ops;
using CnnMem.Ops.Rules;
using static CnnMem.Tests.Ops.LayerRuleHarness;

namespace CnnMem.Tests.Ops;

public class BatchNormRuleTests
{
    private static readonly BatchNormRule Rule = new();

    // spec layer: input -> learned params (2C), buffers (2C running stats + 1 num_batches_tracked), stat size C
    [Theory]
    [InlineData("1x32x50x50", 64L, 65L, 32L)]
    [InlineData("8x64x56x56", 128L, 129L, 64L)]
    [InlineData("4x100", 200L, 201L, 100L)] // BatchNorm1d on [N, C]
    [InlineData("2x16x10", 32L, 33L, 16L)] // BatchNorm1d on [N, C, L]
    public void BatchNorm_Spec_CreatesScaleShiftAndBuffers(string input, long learned, long buffers, long c)
    {
        var r = Run(Rule, "BatchNormalization", A(), T("x", input));
        Assert.Equal(input, r.Outputs[0].Shape.ToString());
        Assert.Equal(learned, r.Params.Where(p => !p.IsBuffer).Sum(p => p.Elements));
        Assert.Equal(buffers, r.Params.Where(p => p.IsBuffer).Sum(p => p.Elements));
        Assert.Equal(new[] { ParamRole.Scale, ParamRole.Shift }, r.Params.Where(p => !p.IsBuffer).Select(p => p.Role));
        Assert.Contains(r.Params, p => p.Name == "n.running_var" && p.Shape.Equals(Shape.Of(c)));
        Assert.Contains(r.Params, p => p.Name == "n.num_batches_tracked" && p.DType == DType.Int64);
        Assert.Equal(0, r.Macs);
    }

    // Keras's scale=False / center=False drop gamma or beta; the running statistics stay
    [Theory]
    [InlineData(0L, 1L, new[] { nameof(ParamRole.Shift) })]
    [InlineData(1L, 0L, new[] { nameof(ParamRole.Scale) })]
    [InlineData(0L, 0L, new string[0])]
    public void BatchNorm_Spec_ScaleOrCenterOff_DropsThatParam(long scale, long center, string[] learned)
    {
        var r = Run(Rule, "BatchNormalization", A(("scale", scale), ("center", center)), T("x", "2x8x4x4"));
        Assert.Equal(learned, r.Params.Where(p => !p.IsBuffer).Select(p => p.Role.ToString()));
        Assert.Equal(17L, r.Params.Where(p => p.IsBuffer).Sum(p => p.Elements));
    }

    [Fact]
    public void BatchNorm_Training_SavesInputAndPerChannelStats()
    {
        var r = Run(Rule, "BatchNormalization", A(), T("x", "8x64x56x56"));
        Assert.Equal(new[]
        {
            SavedTensor.In(0, "input"),
            SavedTensor.Extra("save_mean", Shape.Of(64), DType.Float32),
            SavedTensor.Extra("save_invstd", Shape.Of(64), DType.Float32),
        }, r.Saved);
        Assert.Equal(2L * 8 * 64 * 56 * 56, r.OtherFlops);
    }

    [Fact]
    public void BatchNorm_Onnx_MarksRunningStatsAsBuffers()
    {
        var r = Run(Rule, "BatchNormalization", A(("epsilon", 1e-3)), T("x", "1x32x8x8"), T("s", "32"), T("b", "32"), T("m", "32"), T("v", "32"));
        // Weights come from the initializers; the rule adds only PyTorch's int64 step counter, which exports drop.
        var counter = Assert.Single(r.Params);
        Assert.Equal((ParamRole.Buffer, DType.Int64, 1L), (counter.Role, counter.DType, counter.Elements));
        Assert.Equal(new[] { 3, 4 }, r.BufferInputs);
        Assert.True(r.SavesRunningStats);
        Assert.Equal("1x32x8x8", r.Outputs[0].Shape.ToString());
    }

    [Fact]
    public void BatchNorm_OnnxTrainingMode_HasRunningStatOutputs()
    {
        var inputs = new TensorInfo?[] { T("x", "2x16x4x4"), T("s", "16"), T("b", "16"), T("m", "16"), T("v", "16") };
        var r = Run(Rule, "BatchNormalization", A(("training_mode", 1L)), inputs, outputs: 3, opset: 14);
        Assert.Equal(new[] { "2x16x4x4", "16", "16" }, r.Outputs.Select(o => o.Shape.ToString()));
    }

    [Fact]
    public void BatchNorm_OldSpatialZero_UsesPerActivationStats()
    {
        var r = Run(Rule, "BatchNormalization", A(("spatial", 0L)), T("x", "2x3x4x4"), T("s", "3x4x4"), T("b", "3x4x4"), T("m", "3x4x4"), T("v", "3x4x4"));
        Assert.Equal(Shape.Of(3, 4, 4), r.Saved[1].Shape);
    }

    [Theory]
    [InlineData("1x32x8x8", "16", "scale has shape 16, expected 32")]
    [InlineData("32", "32", "batch and a channel axis")]
    public void BatchNorm_BadShapes_Fail(string input, string scale, string expected) =>
        Assert.Contains(expected, Fails(Rule, "BatchNormalization", A(), T("x", input), T("s", scale), T("b", "32"), T("m", "32"), T("v", "32")));

    [Fact]
    public void BatchNorm_MissingVariance_Fails() =>
        Assert.Contains("expects input 4", Fails(Rule, "BatchNormalization", A(), T("x", "1x4x2x2"), T("s", "4"), T("b", "4"), T("m", "4")));

    [Theory]
    [InlineData("epsilon", -1.0, "epsilon must not be negative")]
    [InlineData("training_mode", 2L, "'training_mode' must be 0 or 1")]
    public void BatchNorm_BadAttributes_Fail(string name, object value, string expected) =>
        Assert.Contains(expected, Fails(Rule, "BatchNormalization", A((name, value)), T("x", "1x4x2x2")));
}
