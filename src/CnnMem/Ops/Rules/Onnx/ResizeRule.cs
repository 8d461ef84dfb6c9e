using System.Collections.Immutable;
using CnnMem.Core;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>
/// ONNX Resize and Upsample. Resize inputs: X, roi, scales, sizes (opset 11+); X, scales (opset 10).
/// Upsample: X, scales (input 1 from opset 9, the <c>scales</c> attribute in 7-8).
/// Output dim = floor(dim * scale) computed in float32 as ONNX does, or the given size; opset 18 adds
/// <c>axes</c> and <c>keep_aspect_ratio_policy</c> (not_larger / not_smaller keep the aspect ratio).
/// Runtime scales or sizes give unknown dims of the same rank.
/// </summary>
internal sealed class ResizeRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("Resize", "Upsample");

    public string Description => "Resize/Upsample by scales or to sizes (nearest, linear, cubic).";

    public OpResult Infer(OpContext ctx)
    {
        // 1. Find scales and sizes for the op's opset form; an empty tensor counts as absent.
        // 2. Sizes win; with a keep-aspect-ratio policy, one scale (min or max of size/dim) applies to all axes.
        // 3. Otherwise floor(dim * scale) per axis; a runtime value makes those dims unknown.
        var x = ctx.Input(0);
        var s = ctx.InputShape(0);
        var axes = ctx.Attr.Ints("axes") is { } a ? ValueOps.Axes(a, s.Rank) : Enumerable.Range(0, s.Rank).ToArray();
        int scalesAt, sizesAt;
        if (ctx.Node.Op == "Upsample")
        {
            (scalesAt, sizesAt) = (1, -1);
        }
        else
        {
            (scalesAt, sizesAt) = ctx.InputCount <= 2 && ctx.Opset is > 0 and < 11 ? (1, -1) : (2, 3);
        }
        var scalesAttr = ctx.Attr.Floats("scales")?.ToArray();
        var hasScales = scalesAttr is not null || Present(ctx, scalesAt);
        var hasSizes = sizesAt > 0 && Present(ctx, sizesAt);
        OpContext.Require(hasScales || hasSizes, "needs either 'scales' or 'sizes'; found neither");
        var dims = s.Dims.ToArray();
        if (hasSizes)
        {
            return FromSizes(ctx, x, dims, axes, sizesAt);
        }
        var scales = scalesAttr ?? ValueOps.Reals(ctx, scalesAt);
        if (scales is null)
        {
            return Unknown(ctx, x, dims, axes);
        }
        OpContext.Require(scales.Length == axes.Length, $"scales has {scales.Length} values, expected {axes.Length} (one per axis of {s})");
        for (var k = 0; k < axes.Length; k++)
        {
            OpContext.Require(scales[k] > 0, $"scale {scales[k]} on axis {axes[k]} must be positive");
            if (dims[axes[k]].Value is { } d)
            {
                dims[axes[k]] = Dim.Of((long)MathF.Floor(d * (float)scales[k]));
            }
        }
        return Result(ctx, x, new Shape(dims));
    }

    /// <summary>Step 2: sizes given; a keep-aspect-ratio policy applies one scale (the min or max of size/dim) to every axis.</summary>
    private static OpResult FromSizes(OpContext ctx, TensorInfo x, Dim[] dims, int[] axes, int sizesAt)
    {
        var sizes = ValueOps.Ints(ctx, sizesAt);
        if (sizes is null)
        {
            return Unknown(ctx, x, dims, axes);
        }
        OpContext.Require(sizes.Length == axes.Length, $"sizes has {sizes.Length} values, expected {axes.Length}");
        var policy = ctx.Attr.Str("keep_aspect_ratio_policy", "stretch");
        if (policy is "not_larger" or "not_smaller")
        {
            if (axes.Any(ax => !dims[ax].IsKnown))
            {
                return Unknown(ctx, x, dims, axes);
            }
            var ratios = axes.Select((ax, k) => (float)sizes[k] / dims[ax].Value!.Value).ToArray();
            var scale = policy == "not_larger" ? ratios.Min() : ratios.Max();
            foreach (var ax in axes)
            {
                dims[ax] = Dim.Of((long)MathF.Round(scale * dims[ax].Value!.Value, MidpointRounding.AwayFromZero));
            }
        }
        else
        {
            for (var k = 0; k < axes.Length; k++)
            {
                dims[axes[k]] = Dim.Of(sizes[k]);
            }
        }
        return Result(ctx, x, new Shape(dims));
    }

    /// <summary>An optional input counts when named and not an empty tensor (opset 11-12 pass an empty scales with sizes).</summary>
    private static bool Present(OpContext ctx, int index) =>
        ctx.HasInput(index) && !(ctx.Input(index).Shape is { IsRanked: true, Rank: 1 } sh && sh[0].Value == 0);

    private static OpResult Unknown(OpContext ctx, TensorInfo x, Dim[] dims, int[] axes)
    {
        foreach (var a in axes)
        {
            dims[a] = Dim.Unknown;
        }
        return Result(ctx, x, new Shape(dims));
    }

    private static OpResult Result(OpContext ctx, TensorInfo x, Shape shape) => ctx.Single(x.DType, shape);
}
