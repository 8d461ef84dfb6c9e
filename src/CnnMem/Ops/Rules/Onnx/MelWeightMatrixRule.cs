using System.Collections.Immutable;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>ONNX MelWeightMatrix(num_mel_bins, dft_length, ..): [dft_length / 2 + 1, num_mel_bins]; runtime values give unknown dims.</summary>
internal sealed class MelWeightMatrixRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("MelWeightMatrix");

    public string Description => "Mel filter bank weights for a spectrogram.";

    public OpResult Infer(OpContext ctx)
    {
        var bins = ValueOps.Ints(ctx, 0) is { Length: 1 } b ? Dim.Of(b[0]) : Dim.Unknown;
        var rows = ValueOps.Ints(ctx, 1) is { Length: 1 } d ? Dim.Of(d[0] / 2 + 1) : Dim.Unknown;
        return ctx.Single(OnnxDataTypes.FromAttr(ctx.Attr, "output_datatype", DType.Float32), Shape.Of(rows, bins)) with { CountsInTextbookSum = false };
    }
}
