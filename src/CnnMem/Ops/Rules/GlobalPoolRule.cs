using System.Collections.Immutable;
using CnnMem.Ops.Spatial;

namespace CnnMem.Ops.Rules;

/// <summary>
/// Global pooling (ONNX GlobalAveragePool and GlobalMaxPool; spec <c>globalavgpool</c>, <c>globalmaxpool</c>).
/// Shape: [N, C, D1, ...] -> [N, C, 1, ...]. Cost: no MACs; OtherFlops = the input's elements (one add or compare each).
/// Backward (PyTorch's AdaptiveAvgPool2d(1) is mean(), which keeps its input; AdaptiveMaxPool2d(1) keeps its
/// input and int64 indices [N, C, 1, ...]).
/// </summary>
internal sealed class GlobalPoolRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("GlobalAveragePool", "GlobalMaxPool");

    public ImmutableArray<OpShortName> ShortNames { get; } = [new("GlobalAveragePool", "GlobalAvgPool")];

    public string Description => "Global average and max pooling: every spatial dimension reduced to 1.";

    public ImmutableArray<SpecSyntax> Spec { get; } = ImmutableArray.Create(
        new SpecSyntax(ImmutableArray.Create("globalavgpool", "gap"), "P", ImmutableArray<SpecArg>.Empty, ImmutableArray<SpecArg>.Empty) { Op = "GlobalAveragePool" },
        new SpecSyntax(ImmutableArray.Create("globalmaxpool", "gmp"), "P", ImmutableArray<SpecArg>.Empty, ImmutableArray<SpecArg>.Empty) { Op = "GlobalMaxPool" });

    public OpResult Infer(OpContext ctx)
    {
        var x = SpatialInput.Dims(ctx);
        var outShape = Shape.Of(x[..2].Concat(Enumerable.Repeat(1L, x.Length - 2)).ToArray());
        var saved = ctx.Node.Op == "GlobalMaxPool"
            ? ImmutableArray.Create(SavedTensor.In(0, "input"), SavedTensor.Extra("indices", outShape, DType.Int64))
            : ImmutableArray.Create(SavedTensor.In(0, "input"));
        return ctx.Single(ctx.Input(0).DType, outShape) with
        {
            OtherFlops = SpatialInput.Product(x),
            Saved = saved,
        };
    }
}
