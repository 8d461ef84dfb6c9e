using System.Collections.Immutable;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>
/// ONNX Squeeze: removes size-1 dims at <c>axes</c> (an attribute before opset 13, input 1 from 13),
/// or every size-1 dim when no axes are given. A view of its input.
/// </summary>
internal sealed class SqueezeRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("Squeeze");

    public string Description => "Remove size-1 dimensions (a view).";

    public OpResult Infer(OpContext ctx)
    {
        // 1. Axes from the attribute or input 1. Unknown values: rank = input rank - count of axes.
        // 2. Without axes, drop every dim that is 1; an unknown dim could be 1, so the result is then unknown.
        var x = ctx.Input(0);
        var s = ctx.InputShape(0);
        var axes = ValueOps.IntsFromAttrOrInput(ctx, "axes", 1, out var known);
        Shape outShape;
        if (!known)
        {
            var count = ValueOps.Length(ctx, 1);
            outShape = count is { } c ? ValueOps.Unknown(s.Rank - (int)c) : Shape.Unranked;
        }
        else if (axes is null || axes.Length == 0)
        {
            outShape = s.All(d => d.IsKnown || d.IsSymbol) ? new Shape(s.Where(d => d.Value != 1)) : Shape.Unranked;
        }
        else
        {
            var norm = ValueOps.Axes(axes, s.Rank).ToHashSet();
            foreach (var a in norm)
            {
                OpContext.Require(!s[a].IsKnown || s[a].Value == 1, $"cannot squeeze axis {a} of shape {s}: its size is {s[a]}, expected 1");
            }
            outShape = new Shape(s.Where((_, i) => !norm.Contains(i)));
        }
        return ctx.Single(x.DType, outShape, ValueOps.Reshaped(x.Value, outShape)) with { CountsInTextbookSum = false, ViewOfInput = 0 };
    }
}
