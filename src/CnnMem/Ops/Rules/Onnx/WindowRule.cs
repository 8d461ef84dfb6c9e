using System.Collections.Immutable;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>ONNX HannWindow/HammingWindow/BlackmanWindow: a 1-D window of the size in input 0's value (unknown at run time); dtype from <c>output_datatype</c> (default float32).</summary>
internal sealed class WindowRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("HannWindow", "HammingWindow", "BlackmanWindow");

    public string Description => "Signal windows of a given length.";

    public OpResult Infer(OpContext ctx)
    {
        var size = ValueOps.Ints(ctx, 0);
        var dim = size is { Length: 1 } ? Dim.Of(size[0]) : Dim.Unknown;
        return ctx.Single(OnnxDataTypes.FromAttr(ctx.Attr, "output_datatype", DType.Float32), Shape.Of(dim)) with { CountsInTextbookSum = false };
    }
}
