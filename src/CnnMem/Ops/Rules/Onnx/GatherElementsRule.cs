using System.Collections.Immutable;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>
/// ONNX GatherElements (torch.gather): output has the indices' shape and the data's dtype; ranks must match.
/// GatherND: output = indices.shape[:-1] + data.shape[batch_dims + k:], k = indices.shape[-1].
/// Backward (PyTorch): keeps the indices.
/// </summary>
internal sealed class GatherElementsRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("GatherElements", "GatherND");

    public string Description => "Gather single elements (GatherElements) or slices by index tuples (GatherND).";

    public OpResult Infer(OpContext ctx)
    {
        var data = ctx.Input(0);
        var ds = ctx.InputShape(0);
        var idx = ctx.InputShape(1);
        Shape outShape;
        if (ctx.Node.Op == "GatherElements")
        {
            OpContext.Require(ds.Rank == idx.Rank, $"indices rank {idx.Rank} must equal data rank {ds.Rank}");
            ValueOps.Axis(ctx.Attr.Int("axis", 0), ds.Rank);
            outShape = idx;
        }
        else
        {
            var b = (int)ctx.Attr.Int("batch_dims", 0);
            OpContext.Require(idx.Rank >= 1, "indices must have at least one dimension");
            var k = idx[^1].Value ?? throw new Graphs.OpException($"the last dim of indices {idx} must be known");
            OpContext.Require(b + k <= ds.Rank, $"indices tuples of length {k} (after {b} batch dims) exceed data rank {ds.Rank}");
            outShape = idx.Take(idx.Rank - 1).Concat(ds.Skip(b + (int)k));
        }
        return ctx.Single(data.DType, outShape) with
        {
            CountsInTextbookSum = false,
            Saved = ImmutableArray.Create(SavedTensor.In(1, "indices")),
        };
    }
}
