using System.Collections.Immutable;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>
/// ONNX Unsqueeze: inserts size-1 dims at <c>axes</c> (an attribute before opset 13, input 1 from 13).
/// Axes index the output. A view of its input; its value is the input's, re-shaped.
/// </summary>
internal sealed class UnsqueezeRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("Unsqueeze");

    public string Description => "Insert size-1 dimensions (a view).";

    public OpResult Infer(OpContext ctx)
    {
        // 1. Axes from the attribute or input 1; their count fixes the output rank even when their values are unknown.
        // 2. Normalize against the output rank and place 1s there, the input dims elsewhere in order.
        var x = ctx.Input(0);
        var s = ctx.InputShape(0);
        var axes = ValueOps.IntsFromAttrOrInput(ctx, "axes", 1, out var known);
        Shape outShape;
        if (!known)
        {
            var count = ValueOps.Length(ctx, 1);
            outShape = count is { } c ? ValueOps.Unknown(s.Rank + (int)c) : Shape.Unranked;
        }
        else
        {
            var a = ValueOps.NotNull(axes, $"needs 'axes' (an attribute before opset 13, input 1 from opset 13); found neither");
            var rank = s.Rank + a.Length;
            var norm = ValueOps.Axes(a, rank).ToHashSet();
            var dims = new Dim[rank];
            var j = 0;
            for (var i = 0; i < rank; i++)
            {
                dims[i] = norm.Contains(i) ? Dim.Of(1) : s[j++];
            }
            outShape = new Shape(dims);
        }
        return ctx.Single(x.DType, outShape, ValueOps.Reshaped(x.Value, outShape)) with { CountsInTextbookSum = false, ViewOfInput = 0 };
    }
}
