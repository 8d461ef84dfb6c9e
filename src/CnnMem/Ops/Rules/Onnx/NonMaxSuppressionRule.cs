using System.Collections.Immutable;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>ONNX NonMaxSuppression: selected boxes as int64 [count, 3] (batch, class, box); the count depends on the data, so it is unknown.</summary>
internal sealed class NonMaxSuppressionRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("NonMaxSuppression");

    public string Description => "Non-maximum suppression of detection boxes (data-dependent count).";

    public OpResult Infer(OpContext ctx)
    {
        var boxes = ctx.InputShape(0);
        OpContext.Require(boxes.Rank == 3 && boxes[2].Value is null or 4, $"boxes must be [batch, boxes, 4], found {boxes}");
        return ctx.Single(DType.Int64, Shape.Of(Dim.Unknown, Dim.Of(3))) with { CountsInTextbookSum = false };
    }
}
