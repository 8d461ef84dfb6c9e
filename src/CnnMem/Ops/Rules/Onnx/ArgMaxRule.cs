using System.Collections.Immutable;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>ONNX ArgMax/ArgMin: int64 indices along <c>axis</c> (default 0), kept as 1 when <c>keepdims</c>=1 (default). Not differentiable.</summary>
internal sealed class ArgMaxRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("ArgMax", "ArgMin");

    public string Description => "Index of the largest/smallest element along an axis (int64).";

    public OpResult Infer(OpContext ctx)
    {
        var s = ctx.InputShape(0);
        var axis = ValueOps.Axis(ctx.Attr.Int("axis", 0), s.Rank);
        var outShape = ctx.Attr.Int("keepdims", 1) != 0
            ? s.With(axis, Dim.Of(1))
            : new Shape(s.Where((_, i) => i != axis));
        return ctx.Single(DType.Int64, outShape) with { CountsInTextbookSum = false };
    }
}
