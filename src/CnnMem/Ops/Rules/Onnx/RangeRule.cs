using System.Collections.Immutable;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>
/// ONNX Range: 1-D [start, limit) by delta; length max(ceil((limit - start) / delta), 0). The dtype
/// is start's. Runtime bounds give one unknown dim.
/// </summary>
internal sealed class RangeRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("Range");

    public string Description => "A 1-D sequence from start to limit by delta.";

    public OpResult Infer(OpContext ctx)
    {
        var dtype = ctx.Input(0).DType;
        var start = ValueOps.Reals(ctx, 0);
        var limit = ValueOps.Reals(ctx, 1);
        var delta = ValueOps.Reals(ctx, 2);
        if (start is not { Length: 1 } || limit is not { Length: 1 } || delta is not { Length: 1 })
        {
            return ctx.Single(dtype, ValueOps.Unknown(1)) with { CountsInTextbookSum = false };
        }
        OpContext.Require(delta[0] != 0, "delta must not be 0");
        var n = (long)Math.Max(Math.Ceiling((limit[0] - start[0]) / delta[0]), 0);
        var shape = Shape.Of(n);
        var value = n <= ValueOps.MaxElements
            ? ValueOps.Value(dtype, shape, Enumerable.Range(0, (int)n).Select(i => start[0] + i * delta[0]).ToArray())
            : null;
        return ctx.Single(dtype, shape, value) with { CountsInTextbookSum = false };
    }
}
