using System.Collections.Immutable;
using CnnMem.Core;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>
/// ONNX Reduce* family. Axes: the <c>axes</c> attribute, or input 1 (ReduceSum from opset 13, the
/// others from 18). No axes reduces every axis, unless <c>noop_with_empty_axes</c>=1 (then the output is
/// the input). <c>keepdims</c> (default 1) keeps reduced axes as 1. Runtime axes give unknown dims
/// (same rank with keepdims, else rank minus the number of axes).
/// Backward (PyTorch): sum/mean keep only sizes; max/min/prod/L2/logsumexp keep input and output.
/// </summary>
internal sealed class ReduceRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create(
        "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd",
        "ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp", "ReduceSumSquare");

    public string Description => "Reductions over axes (mean, sum, max, min, prod, L1, L2, log-sum, log-sum-exp, sum of squares).";

    public OpResult Infer(OpContext ctx)
    {
        // 1. Read axes (attribute or input 1) and keepdims / noop_with_empty_axes.
        // 2. Unknown axes: unknown dims of the knowable rank.
        // 3. Otherwise reduced axes become 1 (keepdims) or disappear.
        var x = ctx.Input(0);
        var s = ctx.InputShape(0);
        var keep = ctx.Attr.Int("keepdims", 1) != 0;
        var axes = ValueOps.IntsFromAttrOrInput(ctx, "axes", 1, out var known);
        Shape outShape;
        if (!known)
        {
            var count = ValueOps.Length(ctx, 1);
            outShape = keep ? ValueOps.Unknown(s.Rank) : count is { } c && c > 0 ? ValueOps.Unknown(s.Rank - (int)c) : Shape.Unranked;
        }
        else if ((axes is null || axes.Length == 0) && ctx.Attr.Int("noop_with_empty_axes", 0) != 0)
        {
            outShape = s;
        }
        else
        {
            var set = axes is null || axes.Length == 0 ? Enumerable.Range(0, s.Rank).ToHashSet() : ValueOps.Axes(axes, s.Rank).ToHashSet();
            outShape = keep
                ? new Shape(s.Select((d, i) => set.Contains(i) ? Dim.Of(1) : d))
                : new Shape(s.Where((_, i) => !set.Contains(i)));
        }
        return ctx.Single(x.DType, outShape, KnownValue(ctx.Node.Op, x, outShape, axes)) with
        {
            CountsInTextbookSum = false,
            Saved = Saved(ctx.Node.Op),
            // autocast writes sum and the vector norm in float32 (its fp32_set_opt_dtype list); mean is on no list
            Autocast = ctx.Node.Op is "ReduceSum" or "ReduceL2" ? AutocastClass.Float32 : AutocastClass.Promote,
        };
    }

    /// <summary>Sum, product, max or min of a known value (exporters compute element counts with ReduceProd of a shape).</summary>
    private static TensorValue? KnownValue(string op, TensorInfo x, Shape outShape, long[]? axes)
    {
        if (x.Value is not { } v || op is not ("ReduceSum" or "ReduceProd" or "ReduceMax" or "ReduceMin") || !x.Shape.IsFullyKnown || !outShape.IsFullyKnown)
        {
            return null;
        }
        var dims = x.Shape.ToLongs();
        if (dims.Any(d => d == 0))
        {
            return null;
        }
        var reduced = axes is null || axes.Length == 0 ? Enumerable.Range(0, dims.Length).ToHashSet() : ValueOps.Axes(axes, dims.Length).ToHashSet();
        var keptDims = dims.Where((_, i) => !reduced.Contains(i)).ToArray();
        var keptStrides = ValueOps.Strides(keptDims);
        var acc = new Dictionary<long, double>();
        var values = v.AsDoubles().ToArray();
        for (long f = 0; f < values.Length; f++)
        {
            var c = ValueOps.Coords(f, dims);
            long key = 0;
            for (int i = 0, k = 0; i < dims.Length; i++)
            {
                if (!reduced.Contains(i))
                {
                    key += c[i] * keptStrides[k++];
                }
            }
            acc[key] = acc.TryGetValue(key, out var a) ? op switch
            {
                "ReduceSum" => a + values[f],
                "ReduceProd" => a * values[f],
                "ReduceMax" => Math.Max(a, values[f]),
                _ => Math.Min(a, values[f]),
            } : values[f];
        }
        return ValueOps.Value(x.DType, outShape, acc.OrderBy(p => p.Key).Select(p => p.Value).ToArray());
    }

    private static ImmutableArray<SavedTensor> Saved(string op) => op switch
    {
        "ReduceMean" or "ReduceSum" => ImmutableArray<SavedTensor>.Empty,
        "ReduceL1" or "ReduceSumSquare" => ImmutableArray.Create(SavedTensor.In(0, "input")),
        _ => ImmutableArray.Create(SavedTensor.In(0, "input"), SavedTensor.Out(0, "result")),
    };
}
