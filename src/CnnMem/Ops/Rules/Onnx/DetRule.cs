using System.Collections.Immutable;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>ONNX Det: determinants of the trailing square matrices, [*, M, M] -> [*]. Backward (PyTorch linalg.det) keeps input and result.</summary>
internal sealed class DetRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("Det");

    public string Description => "Determinant of square matrices (batched).";

    public OpResult Infer(OpContext ctx)
    {
        var s = ctx.InputShape(0);
        OpContext.Require(s.Rank >= 2, $"expects at least 2 dims [*, M, M], found shape {s}");
        var m = s[^1];
        var n = s[^2];
        OpContext.Require(!m.IsKnown || !n.IsKnown || m.Value == n.Value, $"expects square matrices, found {n}x{m} in shape {s}");
        return ctx.Single(ctx.Input(0).DType, s.Take(s.Rank - 2)) with
        {
            CountsInTextbookSum = false,
            Saved = ImmutableArray.Create(SavedTensor.In(0, "input"), SavedTensor.Out(0, "result")),
        };
    }
}
