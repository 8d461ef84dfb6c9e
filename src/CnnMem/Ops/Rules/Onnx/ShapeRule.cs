using System.Collections.Immutable;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>
/// ONNX Shape: the input's dims as a 1-D int64 tensor, optionally sliced by start/end (opset 15).
/// Its value is known whenever the dims are, which is what makes exporters' Reshape targets static.
/// </summary>
internal sealed class ShapeRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("Shape");

    public string Description => "Shape of a tensor as an int64 vector (start/end slicing); its value feeds Reshape/Expand targets.";

    public OpResult Infer(OpContext ctx)
    {
        // 1. Clamp start/end like Python slicing (negative counts from the end).
        // 2. The output has end-start elements; its value is the dims when they are all known.
        var shape = ctx.InputShape(0);
        var rank = shape.Rank;
        var start = Clamp(ctx.Attr.Int("start", 0), rank);
        var end = Clamp(ctx.Attr.Int("end", rank), rank);
        var dims = shape.Dims.Skip(start).Take(Math.Max(end - start, 0)).ToArray();
        var outShape = Shape.Of((long)dims.Length);
        var value = dims.All(d => d.IsKnown) ? ValueOps.IntValue(DType.Int64, outShape, dims.Select(d => d.Value!.Value).ToArray()) : null;
        return ctx.Single(DType.Int64, outShape, value) with { CountsInTextbookSum = false };
    }

    private static int Clamp(long i, int rank) => (int)Math.Clamp(i < 0 ? i + rank : i, 0, rank);
}
