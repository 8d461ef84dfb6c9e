using System.Collections.Immutable;
using CnnMem.Core;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>
/// ONNX Gather: picks slices of data along <c>axis</c> by indices.
/// Shape: data[:axis] + indices.shape + data[axis+1:]. Value: computed when data and indices are known
/// (Shape -> Gather picks a dim). Backward (PyTorch index_select/embedding): keeps the indices.
/// </summary>
internal sealed class GatherRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("Gather");

    public string Description => "Gather slices along an axis by index (embedding lookup, picking a dim of a shape).";

    public OpResult Infer(OpContext ctx)
    {
        // 1. Normalize the axis; output shape = data[:axis] + indices + data[axis+1:].
        // 2. When both values are known, gather them (negative indices count from the end).
        var data = ctx.Input(0);
        var idx = ctx.Input(1);
        var ds = ctx.InputShape(0);
        var axis = ValueOps.Axis(ctx.Attr.Int("axis", 0), ds.Rank);
        var outShape = ds.Take(axis).Concat(ctx.InputShape(1)).Concat(ds.Skip(axis + 1));

        TensorValue? value = null;
        if (data.Value is { } dv && idx.Value is { } iv && ds.IsFullyKnown && outShape.IsFullyKnown)
        {
            var dims = ds.ToLongs();
            var strides = ValueOps.Strides(dims);
            var outDims = outShape.ToLongs();
            var picks = new List<long>();
            var indices = iv.AsLongs().ToArray();
            var n = outShape.Elements!.Value;
            for (long f = 0; f < n && n <= ValueOps.MaxElements; f++)
            {
                var c = ValueOps.Coords(f, outDims);
                var i = indices[Flat(c, axis, idx.Shape.Rank, idx.Shape.ToLongs())];
                i = i < 0 ? i + dims[axis] : i;
                OpContext.Require(i >= 0 && i < dims[axis], $"index {i} is out of range for axis {axis} of size {dims[axis]}");
                long src = 0;
                for (var d = 0; d < axis; d++)
                {
                    src += c[d] * strides[d];
                }
                src += i * strides[axis];
                for (var d = axis + 1; d < dims.Length; d++)
                {
                    src += c[d - 1 + idx.Shape.Rank] * strides[d];
                }
                picks.Add(src);
            }
            value = ValueOps.Pick(dv, data.DType, outShape, picks);
        }
        return ctx.Single(data.DType, outShape, value) with
        {
            CountsInTextbookSum = false,
            Saved = ImmutableArray.Create(SavedTensor.In(1, "indices")),
        };
    }

    private static long Flat(long[] outCoords, int axis, int idxRank, long[] idxDims)
    {
        long f = 0;
        for (var k = 0; k < idxRank; k++)
        {
            f = f * idxDims[k] + outCoords[axis + k];
        }
        return f;
    }
}
