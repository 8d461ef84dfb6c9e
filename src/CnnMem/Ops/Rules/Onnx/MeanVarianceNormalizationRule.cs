using System.Collections.Immutable;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>ONNX MeanVarianceNormalization: (X - mean) / std over <c>axes</c> (default [0, 2, 3]); same shape. Keeps input and result for backward.</summary>
internal sealed class MeanVarianceNormalizationRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("MeanVarianceNormalization");

    public ImmutableArray<OpShortName> ShortNames { get; } = [new("MeanVarianceNormalization", "MVN")];

    public string Description => "Normalize to zero mean and unit variance over axes.";

    public OpResult Infer(OpContext ctx)
    {
        var s = ctx.InputShape(0);
        ValueOps.Axes(ctx.Attr.Ints("axes") ?? ImmutableArray.Create(0L, 2L, 3L), s.Rank);
        return ctx.Single(ctx.Input(0).DType, s) with
        {
            Saved = ImmutableArray.Create(SavedTensor.In(0, "input"), SavedTensor.Out(0, "result")),
        };
    }
}
