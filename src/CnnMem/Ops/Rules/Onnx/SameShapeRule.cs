using System.Collections.Immutable;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>
/// Ops whose output has input 0's shape and dtype: Trilu, CumSum, the Scatter family (data updated at
/// indices), ReverseSequence. Backward (PyTorch): tril/triu and cumsum keep nothing large; scatter keeps
/// its indices.
/// </summary>
internal sealed class SameShapeRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("Trilu", "CumSum", "ScatterElements", "ScatterND", "Scatter", "ReverseSequence");

    public string Description => "Same shape as the input: triangle masks, cumulative sums, scatter updates, sequence reversal.";

    public OpResult Infer(OpContext ctx)
    {
        var x = ctx.Input(0);
        var saved = ctx.Node.Op.StartsWith("Scatter", StringComparison.Ordinal)
            ? ImmutableArray.Create(SavedTensor.In(1, "indices"))
            : ImmutableArray<SavedTensor>.Empty;
        return ctx.Single(x.DType, ctx.InputShape(0)) with { CountsInTextbookSum = false, Saved = saved };
    }
}
