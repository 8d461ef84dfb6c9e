using System.Collections.Immutable;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>
/// ONNX TopK: the k largest (or smallest) values along <c>axis</c> and their int64 indices. k is the
/// attribute in opset 1-9 and input 1 from 10; a runtime k gives an unknown dim on the axis.
/// Backward (PyTorch): keeps the indices.
/// </summary>
internal sealed class TopKRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("TopK");

    public string Description => "k largest/smallest values along an axis, with indices.";

    public OpResult Infer(OpContext ctx)
    {
        var x = ctx.Input(0);
        var s = ctx.InputShape(0);
        var axis = ValueOps.Axis(ctx.Attr.Int("axis", -1), s.Rank);
        var k = ctx.Attr.IntOrNull("k") ?? ValueOps.Ints(ctx, 1)?.Single();
        if (k is { } kv && s[axis].Value is { } d)
        {
            OpContext.Require(kv >= 0 && kv <= d, $"k = {kv} is out of range for axis {axis} of size {d}");
        }
        var outShape = s.With(axis, k is { } kk ? Dim.Of(kk) : Dim.Unknown);
        return new OpResult(ImmutableArray.Create(ctx.Output(0, x.DType, outShape), ctx.Output(1, DType.Int64, outShape)))
        {
            CountsInTextbookSum = false,
            Saved = ImmutableArray.Create(SavedTensor.Out(1, "indices")),
        };
    }
}
