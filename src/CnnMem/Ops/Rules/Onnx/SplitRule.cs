using System.Collections.Immutable;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>
/// ONNX Split: cuts input 0 along <c>axis</c> into the node's outputs. Sizes come from the <c>split</c>
/// attribute (before opset 13) or input 1 (13+); otherwise equal parts, and from opset 18 with
/// <c>num_outputs</c> the last part may be smaller (ceil division).
/// </summary>
internal sealed class SplitRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("Split");

    public string Description => "Split along an axis into equal parts or given sizes.";

    public OpResult Infer(OpContext ctx)
    {
        // 1. Output count = node outputs; sizes from split (attribute/input) or equal/ceil parts.
        // 2. Unknown sizes (runtime input, or unknown dim) give unknown dims on the axis.
        var x = ctx.Input(0);
        var s = ctx.InputShape(0);
        var axis = ValueOps.Axis(ctx.Attr.Int("axis", 0), s.Rank);
        var n = ctx.Node.Outputs.Length;
        var split = ValueOps.IntsFromAttrOrInput(ctx, "split", 1, out var known);
        var d = s[axis].Value;
        long?[] sizes;
        if (!known)
        {
            sizes = new long?[n];
        }
        else if (split is { Length: > 0 })
        {
            OpContext.Require(split.Length == n, $"'split' has {split.Length} sizes but the node has {n} outputs");
            OpContext.Require(d is null || split.Sum() == d, $"'split' sizes [{string.Join(",", split)}] add up to {split.Sum()}, but axis {axis} has size {d}");
            sizes = split.Select(v => (long?)v).ToArray();
        }
        else if (ctx.Attr.IntOrNull("num_outputs") is { } parts)
        {
            OpContext.Require(parts == n, $"num_outputs is {parts} but the node has {n} outputs");
            sizes = d is { } dv ? Ceil(dv, parts) : new long?[n];
        }
        else
        {
            OpContext.Require(d is null || d % n == 0, $"axis {axis} of size {d} cannot be split into {n} equal parts");
            sizes = Enumerable.Repeat(d / n, n).ToArray();
        }
        var outputs = sizes.Select((sz, i) => ctx.Output(i, x.DType, s.With(axis, sz is { } v ? Dim.Of(v) : Dim.Unknown))).ToImmutableArray();
        return new OpResult(outputs) { CountsInTextbookSum = false };
    }

    private static long?[] Ceil(long d, long parts)
    {
        var size = (d + parts - 1) / parts;
        return Enumerable.Range(0, (int)parts).Select(i => (long?)Math.Max(0, Math.Min(size, d - i * size))).ToArray();
    }
}
