using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Ops.Elementwise;

namespace CnnMem.Ops.Rules;

/// <summary>
/// Clip (ONNX; PyTorch clamp/hardtanh, and how ReLU6 is exported). Opsets 1-10 take the bounds as
/// float attributes <c>min</c>/<c>max</c>; from opset 11 they are optional scalar inputs 1 and 2.
/// Shape and type: the input's. Backward (PyTorch clamp/hardtanh): keeps its input; in-place variant.
/// Value inference: clips known values with known bounds (exporters clamp index vectors).
/// </summary>
internal sealed class ClipRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("Clip");

    public string Description => "Clip (clamp) to [min, max]: attributes before opset 11, optional scalar inputs from 11.";

    public OpResult Infer(OpContext ctx)
    {
        var x = ctx.Input(0);
        UnaryElementwise.RequireNumeric(x);
        var bounds = ctx.Opset is > 0 and < 11 ? FromAttributes(ctx) : FromInputs(ctx, x);
        TensorValue? value = null;
        if (bounds is var (lo, hi))
        {
            value = ElementwiseValues.Map(x, x.DType, v => Math.Clamp(v, ToLongBound(lo, long.MinValue), ToLongBound(hi, long.MaxValue)), v => Math.Min(Math.Max(v, lo), hi));
        }
        return UnaryElementwise.Result(ctx, x.DType, BackwardKeeps.Input, flopsPerElement: 2, inPlace: true, value);
    }

    private static (double Lo, double Hi) FromAttributes(OpContext ctx)
    {
        OpContext.Require(ctx.InputCount == 1, $"takes min and max as attributes before opset 11, so expects 1 input, found {ctx.InputCount} (opset {ctx.Opset})");
        return Checked(ctx.Attr.Float("min", double.NegativeInfinity), ctx.Attr.Float("max", double.PositiveInfinity));
    }

    /// <summary>The bounds when both are known (absent ones are infinite), else null.</summary>
    private static (double Lo, double Hi)? FromInputs(OpContext ctx, TensorInfo x)
    {
        OpContext.Require(ctx.InputCount <= 3, $"expects at most 3 inputs (input, min, max), found {ctx.InputCount}");
        OpContext.Require(!ctx.Attr.Has("min") && !ctx.Attr.Has("max"), $"takes min and max as inputs from opset 11, but the node has min/max attributes (opset {ctx.Opset})");
        double lo = double.NegativeInfinity, hi = double.PositiveInfinity;
        var known = true;
        for (var i = 1; i < ctx.InputCount; i++)
        {
            if (!ctx.HasInput(i))
            {
                continue;
            }
            var b = ctx.Input(i);
            ElementwiseTypes.Common(ctx, new[] { 0, i });
            OpContext.Require(!b.Shape.IsRanked || b.Shape.Elements is null or 1, $"expects {(i == 1 ? "min" : "max")} to be a scalar, found shape {b.Shape}");
            if (b.Value is { Count: 1 } v)
            {
                if (i == 1)
                {
                    lo = v.AsDoubles().First();
                }
                else
                {
                    hi = v.AsDoubles().First();
                }
            }
            else
            {
                known = false;
            }
        }
        return known ? Checked(lo, hi) : null;
    }

    private static (double Lo, double Hi) Checked(double lo, double hi)
    {
        // ONNX leaves min > max undefined (numpy gives max); it is almost surely a mistake in the model.
        OpContext.Require(!(lo > hi), $"expects min <= max, found min {lo} and max {hi}");
        return (lo, hi);
    }

    private static long ToLongBound(double b, long fallback) =>
        double.IsInfinity(b) ? fallback : ElementwiseValues.ToLong(b) ?? fallback;
}
