using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Ops.Elementwise;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>
/// ONNX Expand: broadcasts input 0 against the shape in input 1's value (a 1 in the target keeps the
/// input dim). A runtime target gives unknown dims of rank max(input rank, target length).
/// </summary>
internal sealed class ExpandRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("Expand");

    public string Description => "Broadcast a tensor to a shape.";

    public OpResult Infer(OpContext ctx)
    {
        var x = ctx.Input(0);
        var s = ctx.InputShape(0);
        var target = ValueOps.Ints(ctx, 1);
        if (target is null)
        {
            var len = ValueOps.Length(ctx, 1);
            return ctx.Single(x.DType, len is { } l ? ValueOps.Unknown(Math.Max(s.Rank, (int)l)) : Shape.Unranked) with { CountsInTextbookSum = false };
        }
        var outShape = Broadcasting.Shapes(s, Shape.Of(target));
        TensorValue? value = null;
        if (x.Value is { } v && s.IsFullyKnown && outShape.IsFullyKnown && outShape.Elements <= ValueOps.MaxElements)
        {
            var inDims = s.ToLongs();
            var outDims = outShape.ToLongs();
            var picks = Enumerable.Range(0, (int)outShape.Elements!.Value).Select(i => Broadcasting.SourceIndex(inDims, outDims, i)).ToArray();
            value = ValueOps.Pick(v, x.DType, outShape, picks);
        }
        return ctx.Single(x.DType, outShape, value) with { CountsInTextbookSum = false };
    }
}
