using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Ops.Elementwise;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>
/// ONNX Where: picks X where the condition holds, else Y, with three-way broadcasting; dtype of X.
/// Value known when all three are. Backward (PyTorch): keeps the condition.
/// </summary>
internal sealed class WhereRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("Where");

    public string Description => "Element-wise select by a boolean condition (broadcasting).";

    public OpResult Infer(OpContext ctx)
    {
        var c = ctx.Input(0);
        var x = ctx.Input(1);
        var y = ctx.Input(2);
        var outShape = Broadcasting.Shapes(c.Shape, x.Shape, y.Shape);
        TensorValue? value = null;
        if (c.Value is { } cv && x.Value is { } xv && y.Value is { } yv && outShape.IsFullyKnown && outShape.Elements <= ValueOps.MaxElements)
        {
            var outDims = outShape.ToLongs();
            var cd = c.Shape.ToLongs();
            var xd = x.Shape.ToLongs();
            var yd = y.Shape.ToLongs();
            var cs = cv.AsLongs().ToArray();
            var xs = xv.AsDoubles().ToArray();
            var ys = yv.AsDoubles().ToArray();
            var vals = Enumerable.Range(0, (int)outShape.Elements!.Value)
                .Select(i => cs[Broadcasting.SourceIndex(cd, outDims, i)] != 0 ? xs[Broadcasting.SourceIndex(xd, outDims, i)] : ys[Broadcasting.SourceIndex(yd, outDims, i)])
                .ToArray();
            value = ValueOps.Value(x.DType, outShape, vals);
        }
        return ctx.Single(x.DType, outShape, value) with
        {
            CountsInTextbookSum = false,
            Saved = ImmutableArray.Create(SavedTensor.In(0, "condition")),
        };
    }
}
