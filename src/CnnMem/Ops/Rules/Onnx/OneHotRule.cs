using System.Collections.Immutable;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>
/// ONNX OneHot(indices, depth, values): inserts a dim of size depth at <c>axis</c> (default -1, i.e. last);
/// dtype of values. A runtime depth gives an unknown dim.
/// </summary>
internal sealed class OneHotRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("OneHot");

    public string Description => "One-hot encoding of indices.";

    public OpResult Infer(OpContext ctx)
    {
        var s = ctx.InputShape(0);
        var rank = s.Rank + 1;
        var axis = ValueOps.Axis(ctx.Attr.Int("axis", -1), rank);
        var depth = ValueOps.Reals(ctx, 1);
        var d = depth is { Length: 1 } ? Dim.Of((long)depth[0]) : Dim.Unknown;
        var dims = s.Dims.ToList();
        dims.Insert(axis, d);
        return ctx.Single(ctx.Input(2).DType, new Shape(dims)) with { CountsInTextbookSum = false };
    }
}
