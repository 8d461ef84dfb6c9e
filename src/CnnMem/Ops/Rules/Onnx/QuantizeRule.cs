using System.Collections.Immutable;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>
/// ONNX QuantizeLinear (dtype of the zero point, else <c>output_dtype</c>, else uint8), DequantizeLinear
/// (dtype of the scale, float32 before opset 19 allowed others) and DynamicQuantizeLinear (uint8 y plus
/// float scale and uint8 zero-point scalars). Same shape as the input.
/// </summary>
internal sealed class QuantizeRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("QuantizeLinear", "DequantizeLinear", "DynamicQuantizeLinear");

    public string Description => "Linear (de)quantization to and from 8-bit integers.";

    public OpResult Infer(OpContext ctx)
    {
        var s = ctx.InputShape(0);
        switch (ctx.Node.Op)
        {
            case "QuantizeLinear":
                var q = ctx.HasInput(2) ? ctx.Input(2).DType : OnnxDataTypes.FromAttr(ctx.Attr, "output_dtype", DType.UInt8);
                return ctx.Single(q, s) with { CountsInTextbookSum = false };
            case "DequantizeLinear":
                return ctx.Single(ctx.Input(1).DType, s) with { CountsInTextbookSum = false };
            default:
                return new OpResult(ImmutableArray.Create(
                    ctx.Output(0, DType.UInt8, s),
                    ctx.Output(1, DType.Float32, Shape.Scalar),
                    ctx.Output(2, DType.UInt8, Shape.Scalar)))
                { CountsInTextbookSum = false };
        }
    }
}
