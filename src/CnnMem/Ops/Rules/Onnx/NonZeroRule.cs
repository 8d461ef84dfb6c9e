using System.Collections.Immutable;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>
/// ONNX NonZero: int64 indices [rank, count] of the non-zero elements. The count depends on the data,
/// so it is unknown unless the input's value is statically known.
/// </summary>
internal sealed class NonZeroRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("NonZero");

    public string Description => "Indices of non-zero elements (count known only from a static value).";

    public OpResult Infer(OpContext ctx)
    {
        var x = ctx.Input(0);
        var s = ctx.InputShape(0);
        if (x.Value is { } v && s.IsFullyKnown)
        {
            var dims = s.ToLongs();
            var hits = v.AsDoubles().Select((d, i) => (d, i)).Where(p => p.d != 0).Select(p => ValueOps.Coords(p.i, dims)).ToArray();
            var shape = Shape.Of(s.Rank, hits.Length);
            var vals = Enumerable.Range(0, s.Rank).SelectMany(r => hits.Select(h => h[r])).ToArray();
            return ctx.Single(DType.Int64, shape, ValueOps.IntValue(DType.Int64, shape, vals)) with { CountsInTextbookSum = false };
        }
        return ctx.Single(DType.Int64, Shape.Of(Dim.Of(s.Rank), Dim.Unknown)) with { CountsInTextbookSum = false };
    }
}
