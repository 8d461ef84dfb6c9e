using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Ops.Spatial;

namespace CnnMem.Ops.Rules;

/// <summary>
/// Instance normalization (ONNX InstanceNormalization: input, scale [C], B [C]; epsilon; spec <c>instancenorm [eps=] [affine=]</c>).
/// 1. Input [N, C, D1, ...]; statistics per sample and channel over the spatial dims.
/// 2. ONNX: scale and B must be [C]. Spec: creates weight and bias [C] unless affine=false (PyTorch's InstanceNorm2d default).
/// 3. Cost: no MACs; OtherFlops = 8 per element (statistics 4, normalize 2, affine 2).
/// 4. Backward (PyTorch runs batch_norm on the input viewed as [1, N*C, ...]): keeps its input and
///    save_mean and save_invstd with N*C float32 values each.
/// </summary>
internal sealed class InstanceNormRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("InstanceNormalization");

    public ImmutableArray<OpShortName> ShortNames { get; } = [new("InstanceNormalization", "InstanceNorm", InGroup: "IN")];

    public string Description => "Instance normalization: statistics per sample and channel, per-channel scale and shift.";

    public ImmutableArray<SpecSyntax> Spec { get; } = ImmutableArray.Create(new SpecSyntax(
        ImmutableArray.Create("instancenorm", "instancenorm2d"),
        "IN",
        ImmutableArray<SpecArg>.Empty,
        ImmutableArray.Create(
            new SpecArg("eps", "epsilon", SpecArgKind.Float, "added to the variance (default 1e-5)"),
            new SpecArg("affine", "affine", SpecArgKind.Bool, "whether the layer has a learned scale and shift (default true, as ONNX)"))));

    public OpResult Infer(OpContext ctx)
    {
        var x = SpatialInput.Dims(ctx);
        var eps = ctx.Attr.Float("epsilon", 1e-5);
        OpContext.Require(eps >= 0, $"epsilon must not be negative, found {eps}");
        var dtype = ctx.Input(0).DType;
        OpContext.Require(DTypes.IsFloat(dtype), $"expects a floating point input, found {DTypes.Name(dtype)}");
        var channels = Shape.Of(x[1]);

        var prms = ImmutableArray<ParamSpec>.Empty;
        if (ctx.HasInput(1) || ctx.InputCount > 1)
        {
            for (var i = 1; i <= 2; i++)
            {
                var s = ctx.InputShape(i);
                OpContext.Require(s.Equals(channels), $"{(i == 1 ? "scale" : "B")} has shape {s}, expected {channels} (one value per channel)");
            }
        }
        else if (SpatialInput.Flag(ctx.Attr, "affine", true))
        {
            prms = ImmutableArray.Create(
                new ParamSpec($"{ctx.Node.Name}.weight", channels, dtype, ParamRole.Scale),
                new ParamSpec($"{ctx.Node.Name}.bias", channels, dtype, ParamRole.Shift));
        }

        var stats = Shape.Of(checked(x[0] * x[1]));
        return ctx.Single(dtype, ctx.Input(0).Shape) with
        {
            Params = prms,
            OtherFlops = checked(8 * SpatialInput.Product(x)),
            Saved = ImmutableArray.Create(
                SavedTensor.In(0, "input"),
                SavedTensor.Extra("save_mean", stats, DType.Float32),
                SavedTensor.Extra("save_invstd", stats, DType.Float32)),
            Autocast = AutocastClass.Float32,
        };
    }
}
