using System.Collections.Immutable;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>
/// ONNX LRN (local response normalization across channels, AlexNet): same shape as the input.
/// Cost: about <c>size</c> multiply-adds per element for the windowed sum of squares.
/// Backward (PyTorch's composite local_response_norm): keeps the input and the output.
/// </summary>
internal sealed class LrnRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("LRN");

    public string Description => "Local response normalization across channels.";

    public OpResult Infer(OpContext ctx)
    {
        var x = ctx.Input(0);
        var s = ctx.InputShape(0);
        var size = ctx.Attr.IntOrNull("size") ?? throw new Graphs.OpException("needs the 'size' attribute (the number of channels to sum over)");
        OpContext.Require(size >= 1, $"size must be at least 1, found {size}");
        OpContext.Require(s.Rank >= 3, $"expects an input with a batch, a channel and spatial dims, found shape {s}");
        var n = s.Elements ?? 0;
        return ctx.Single(x.DType, s) with
        {
            OtherFlops = checked(n * (size + 3)),
            Saved = ImmutableArray.Create(SavedTensor.In(0, "input"), SavedTensor.Out(0, "output")),
        };
    }
}
