using System.Collections.Immutable;
using CnnMem.Core;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>
/// ONNX Reshape: the target shape is input 1's value (the attribute <c>shape</c> in opset 1-4).
/// 0 copies the input dim (unless <c>allowzero</c>=1, opset 14), -1 takes what is left.
/// When the target is a runtime value, the output has that many unknown dims. A view of its input.
/// </summary>
internal sealed class ReshapeRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("Reshape");

    public string Description => "Reshape (0 copies a dim, -1 infers one, allowzero) — a view.";

    public OpResult Infer(OpContext ctx)
    {
        // 1. Read the target; unknown target -> unknown dims of its length.
        // 2. Replace 0s by input dims (allowzero=0), then solve the single -1 from the element count.
        // 3. Check the element counts agree when both are known.
        var x = ctx.Input(0);
        var s = ctx.InputShape(0);
        var target = ValueOps.IntsFromAttrOrInput(ctx, "shape", 1, out var known);
        if (!known)
        {
            var len = ValueOps.Length(ctx, 1);
            return Result(ctx, x, len is { } l ? ValueOps.Unknown((int)l) : Shape.Unranked);
        }
        var t = ValueOps.NotNull(target, "needs a target shape (input 1, or the 'shape' attribute before opset 5)");
        var allowZero = ctx.Attr.Int("allowzero", 0) != 0;
        OpContext.Require(t.Count(v => v == -1) <= 1, $"target shape [{string.Join(",", t)}] has more than one -1");
        var dims = new Dim[t.Length];
        var inferAt = -1;
        for (var i = 0; i < t.Length; i++)
        {
            if (t[i] == -1)
            {
                inferAt = i;
            }
            else if (t[i] == 0 && !allowZero)
            {
                OpContext.Require(i < s.Rank, $"target shape [{string.Join(",", t)}] copies dim {i} (a 0) but the input {s} has rank {s.Rank}");
                dims[i] = s[i];
            }
            else
            {
                OpContext.Require(t[i] >= 0, $"target shape [{string.Join(",", t)}] has a negative size {t[i]}");
                dims[i] = Dim.Of(t[i]);
            }
        }
        var total = s.Elements;
        if (inferAt >= 0)
        {
            var rest = ValueOps.Product(dims.Where((_, i) => i != inferAt));
            if (total is { } n && rest is { } r)
            {
                OpContext.Require(r != 0 && n % r == 0, $"cannot reshape {s} ({n} elements) to [{string.Join(",", t)}]: {n} is not divisible by {r}");
                dims[inferAt] = Dim.Of(n / r);
            }
            else
            {
                dims[inferAt] = Dim.Unknown;
            }
        }
        var outShape = new Shape(dims);
        if (total is { } a && outShape.Elements is { } b)
        {
            OpContext.Require(a == b, $"cannot reshape {s} ({a} elements) to {outShape} ({b} elements)");
        }
        return Result(ctx, x, outShape);
    }

    private static OpResult Result(OpContext ctx, TensorInfo x, Shape shape) =>
        ctx.Single(x.DType, shape, ValueOps.Reshaped(x.Value, shape)) with { CountsInTextbookSum = false, ViewOfInput = 0 };
}
