using System.Collections.Immutable;
using CnnMem.Core;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>
/// ONNX Transpose: permutes dims by <c>perm</c> (default: reversed). PyTorch's permute is a view and
/// keeps nothing for backward; ONNX runtimes copy, so the output is a new tensor here.
/// </summary>
internal sealed class TransposeRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("Transpose");

    public string Description => "Permute dimensions.";

    public OpResult Infer(OpContext ctx)
    {
        var x = ctx.Input(0);
        var s = ctx.InputShape(0);
        var perm = ctx.Attr.Ints("perm")?.ToArray() ?? Enumerable.Range(0, s.Rank).Reverse().Select(i => (long)i).ToArray();
        OpContext.Require(perm.Length == s.Rank, $"perm [{string.Join(",", perm)}] has {perm.Length} entries, expected {s.Rank} for input {s}");
        var p = ValueOps.Axes(perm, s.Rank, "perm");
        var outShape = new Shape(p.Select(i => s[i]));

        TensorValue? value = null;
        if (x.Value is { } v && s.IsFullyKnown)
        {
            var inStrides = ValueOps.Strides(s.ToLongs());
            var outDims = outShape.ToLongs();
            var picks = new List<long>();
            for (long f = 0; f < v.Count; f++)
            {
                var c = ValueOps.Coords(f, outDims);
                picks.Add(c.Select((ci, k) => ci * inStrides[p[k]]).Sum());
            }
            value = ValueOps.Pick(v, x.DType, outShape, picks);
        }
        // PyTorch's transpose/permute returns a strided view of the same storage
        return ctx.Single(x.DType, outShape, value) with { CountsInTextbookSum = false, ViewOfInput = 0, StridedView = true };
    }
}
