using System.Collections.Immutable;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>
/// ONNX Compress: keeps the slices along <c>axis</c> where the condition is true (without an axis, the
/// flattened input's elements). The kept count is the number of true values among the first
/// dim-size conditions: known only from a static condition value, otherwise unknown.
/// </summary>
internal sealed class CompressRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("Compress");

    public string Description => "Select slices by a boolean condition (count known only from a static condition).";

    public OpResult Infer(OpContext ctx)
    {
        var x = ctx.Input(0);
        var s = ctx.InputShape(0);
        var cond = ValueOps.Ints(ctx, 1);
        var axisAttr = ctx.Attr.IntOrNull("axis");
        var limit = axisAttr is { } a0 ? s[ValueOps.Axis(a0, s.Rank)].Value : s.Elements;
        var kept = cond is not null && limit is { } lim ? Dim.Of(cond.Take((int)Math.Min(lim, cond.Length)).Count(c => c != 0)) : Dim.Unknown;
        var outShape = axisAttr is { } a ? s.With(ValueOps.Axis(a, s.Rank), kept) : Shape.Of(kept);
        return ctx.Single(x.DType, outShape) with { CountsInTextbookSum = false };
    }
}
