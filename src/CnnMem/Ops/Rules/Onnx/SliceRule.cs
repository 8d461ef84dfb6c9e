using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Graphs;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>
/// ONNX Slice: starts/ends/axes as attributes (opset 1-9) or inputs 1-3 plus steps (input 4, opset 10+).
/// Negative starts/ends count from the end and are clamped (INT64_MAX means "to the end"); negative
/// steps walk backwards. Runtime starts/ends give unknown dims on the sliced axes.
/// </summary>
internal sealed class SliceRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("Slice");

    public string Description => "Slice along axes with starts, ends and steps (clamped like Python).";

    public OpResult Infer(OpContext ctx)
    {
        // 1. Read starts, ends, axes (default 0..n-1) and steps (default 1).
        // 2. Per sliced axis: normalize and clamp start/end, count = ceil((end - start) / step) (>= 0).
        // 3. When the input's value is known, pick the sliced elements.
        var x = ctx.Input(0);
        var s = ctx.InputShape(0);
        var starts = ValueOps.IntsFromAttrOrInput(ctx, "starts", 1, out var startsKnown);
        var ends = ValueOps.IntsFromAttrOrInput(ctx, "ends", 2, out var endsKnown);
        var axes = ValueOps.IntsFromAttrOrInput(ctx, "axes", 3, out var axesKnown);
        var steps = ValueOps.IntsFromAttrOrInput(ctx, "steps", 4, out var stepsKnown);
        if (!axesKnown)
        {
            return Result(ctx, x, ValueOps.Unknown(s.Rank), null);
        }
        var count = (int)(starts?.Length ?? ValueOps.Length(ctx, 1) ?? throw new OpException("needs 'starts' (input 1, or an attribute before opset 10)"));
        var ax = axes is null ? Enumerable.Range(0, count).ToArray() : ValueOps.Axes(axes, s.Rank);
        OpContext.Require(ax.Length == count, $"has {count} starts but {ax.Length} axes");
        var dims = s.Dims.ToArray();
        var begin = new long[s.Rank];
        var stride = Enumerable.Repeat(1L, s.Rank).ToArray();
        var valuesKnown = startsKnown && endsKnown && stepsKnown;
        for (var k = 0; k < ax.Length; k++)
        {
            var a = ax[k];
            if (!valuesKnown || dims[a].Value is not { } d)
            {
                dims[a] = Dim.Unknown;
                continue;
            }
            var st = ValueOps.NotNull(starts, "needs 'starts'")[k];
            var en = ValueOps.NotNull(ends, "needs 'ends'")[k];
            var step = steps?[k] ?? 1;
            OpContext.Require(step != 0, "a slice step of 0 is not allowed");
            (begin[a], dims[a]) = Range(st, en, step, d);
            stride[a] = step;
        }
        var outShape = new Shape(dims);
        TensorValue? value = null;
        if (x.Value is { } v && s.IsFullyKnown && outShape.IsFullyKnown)
        {
            var inStrides = ValueOps.Strides(s.ToLongs());
            var outDims = outShape.ToLongs();
            var picks = new List<long>();
            for (long f = 0; f < outShape.Elements!.Value; f++)
            {
                var c = ValueOps.Coords(f, outDims);
                picks.Add(c.Select((ci, i) => (begin[i] + ci * stride[i]) * inStrides[i]).Sum());
            }
            value = ValueOps.Pick(v, x.DType, outShape, picks);
        }
        return Result(ctx, x, outShape, value);
    }

    /// <summary>First index and element count of start:end:step over a dim of size <paramref name="d"/>.</summary>
    public static (long Begin, long Count) Range(long start, long end, long step, long d)
    {
        start = start < 0 ? Math.Max(start, -d) + d : start;
        end = end < 0 ? Math.Max(end, -d - 1) + d : end;
        if (step > 0)
        {
            start = Math.Clamp(start, 0, d);
            end = Math.Clamp(end, 0, d);
            return (start, end > start ? (end - start + step - 1) / step : 0);
        }
        start = Math.Clamp(start, 0, d - 1);
        end = Math.Clamp(end, -1, d - 1);
        return (start, start > end ? (start - end + (-step) - 1) / -step : 0);
    }

    /// <summary>
    /// PyTorch slices (x[:, a:b], chunk, narrow) are views: the output shares the input's storage, so what keeps a slice
    /// for backward keeps the whole input alive (ShuffleNet's chunk then conv). Strided in general: a later reshape copies.
    /// </summary>
    private static OpResult Result(OpContext ctx, TensorInfo x, Shape shape, TensorValue? value) =>
        ctx.Single(x.DType, shape, value) with { CountsInTextbookSum = false, ViewOfInput = 0, StridedView = true };
}
