using System.Collections.Immutable;
using CnnMem.Core;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>
/// ONNX Pad: pads = [x1_begin, x2_begin, .., x1_end, x2_end] as an attribute (<c>paddings</c> in opset 1,
/// <c>pads</c> before 11) or input 1 (11+), optionally over <c>axes</c> (input 3, opset 18).
/// Negative pads crop. Backward keeps nothing.
/// </summary>
internal sealed class PadRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("Pad");

    public string Description => "Pad (constant, reflect, edge, wrap); negative pads crop.";

    public OpResult Infer(OpContext ctx)
    {
        // 1. Pads from the attribute(s) or input 1; axes from input 3 (default all).
        // 2. Each padded axis grows by begin + end; runtime pads or axes give unknown dims there.
        var x = ctx.Input(0);
        var s = ctx.InputShape(0);
        var pads = ctx.Attr.Ints("paddings")?.ToArray() ?? ValueOps.IntsFromAttrOrInput(ctx, "pads", 1, out var padsKnown);
        padsKnown = pads is not null;
        var axesIn = ValueOps.Ints(ctx, 3);
        var axesKnown = !ctx.HasInput(3) || axesIn is not null;
        if (!padsKnown || !axesKnown)
        {
            OpContext.Require(ctx.HasInput(1) || padsKnown, "needs 'pads' (input 1, or an attribute before opset 11)");
            var unknown = s.Dims.ToArray();
            var axesUnknown = axesIn is null ? Enumerable.Range(0, s.Rank) : ValueOps.Axes(axesIn, s.Rank);
            foreach (var a in axesUnknown)
            {
                unknown[a] = Dim.Unknown;
            }
            return Result(ctx, x, new Shape(unknown));
        }
        var axes = axesIn is null ? Enumerable.Range(0, s.Rank).ToArray() : ValueOps.Axes(axesIn, s.Rank);
        OpContext.Require(pads!.Length == 2 * axes.Length, $"pads has {pads.Length} values, expected {2 * axes.Length} (begin and end for each of {axes.Length} axes)");
        var dims = s.Dims.ToArray();
        for (var k = 0; k < axes.Length; k++)
        {
            var a = axes[k];
            if (dims[a].Value is { } d)
            {
                var size = checked(d + pads[k] + pads[k + axes.Length]);
                OpContext.Require(size >= 0, $"pads [{string.Join(",", pads)}] crop axis {a} of size {d} below zero");
                dims[a] = Dim.Of(size);
            }
            else if (pads[k] != 0 || pads[k + axes.Length] != 0)
            {
                dims[a] = Dim.Unknown;
            }
        }
        return Result(ctx, x, new Shape(dims));
    }

    /// <summary>
    /// A Pad in constant mode whose fill is absent or a known zero (the padding a window op would add itself): the fill
    /// is input 2 (opset 11+) or the <c>value</c> attribute (default 0). Fusion patterns ask it (<c>Fusion/FusionPatterns</c>).
    /// </summary>
    internal static bool FillsWithZeros(Graphs.Node node, IReadOnlyList<TensorInfo?> inputs)
    {
        if (node.Attributes.Str("mode", "constant") != "constant")
        {
            return false;
        }
        if (inputs.Count < 3 || inputs[2] is null)
        {
            return node.Attributes.Float("value", 0) == 0;
        }
        return inputs[2]!.Value is { } v && (v.Reals?.All(r => r == 0) ?? v.Ints?.All(x => x == 0) ?? false);
    }

    private static OpResult Result(OpContext ctx, TensorInfo x, Shape shape) =>
        // padding by nothing (exporters emit it before average pooling) is an identity PyTorch never runs
        ctx.Single(x.DType, shape) with { CountsInTextbookSum = false, ViewOfInput = shape.Equals(x.Shape) ? 0 : null };
}
