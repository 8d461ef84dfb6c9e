using System.Collections.Immutable;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>
/// ONNX DFT and STFT; outputs carry a trailing dim of 2 (real, imaginary).
/// DFT: the transformed axis (attribute before opset 20, input 2 after; default 1 / -2) becomes
/// dft_length (input 1, default the axis size), or floor(n/2)+1 when <c>onesided</c>.
/// STFT: [batch, frames, bins, 2], frames = (length - frame_length) / frame_step + 1,
/// bins = frame_length (or frame_length/2+1 when onesided, the default). Runtime lengths give unknown dims.
/// </summary>
internal sealed class SignalRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("DFT", "STFT");

    public string Description => "Discrete and short-time Fourier transforms.";

    public OpResult Infer(OpContext ctx) => ctx.Node.Op == "DFT" ? Dft(ctx) : Stft(ctx);

    private static OpResult Dft(OpContext ctx)
    {
        var s = ctx.InputShape(0);
        OpContext.Require(s.Rank >= 3, $"expects [batch, signal.., 1 or 2], found {s}");
        var axisValue = ctx.Attr.IntOrNull("axis") ?? (ctx.HasInput(2) ? ValueOps.Ints(ctx, 2)?.Single() : null) ?? (ctx.Opset >= 20 ? -2 : 1);
        var axis = ValueOps.Axis(axisValue, s.Rank);
        var dims = s.Dims.ToArray();
        Dim n = dims[axis];
        if (ctx.HasInput(1))
        {
            n = ValueOps.Ints(ctx, 1) is { Length: 1 } len ? Dim.Of(len[0]) : Dim.Unknown;
        }
        if (ctx.Attr.Int("onesided", 0) != 0)
        {
            n = n.Value is { } v ? Dim.Of(v / 2 + 1) : Dim.Unknown;
        }
        dims[axis] = n;
        dims[^1] = Dim.Of(2);
        return ctx.Single(ctx.Input(0).DType, new Shape(dims)) with { CountsInTextbookSum = false };
    }

    private static OpResult Stft(OpContext ctx)
    {
        var s = ctx.InputShape(0);
        OpContext.Require(s.Rank == 3, $"expects a signal [batch, length, 1 or 2], found {s}");
        var step = ValueOps.Ints(ctx, 1) is { Length: 1 } st ? st[0] : (long?)null;
        var frame = ValueOps.Ints(ctx, 3) is { Length: 1 } fl ? fl[0] : ctx.HasInput(2) ? ctx.InputShape(2)[0].Value : null;
        Dim frames = step is { } a && frame is { } f && s[1].Value is { } len ? Dim.Of((len - f) / a + 1) : Dim.Unknown;
        Dim bins = frame is { } fr ? Dim.Of(ctx.Attr.Int("onesided", 1) != 0 ? fr / 2 + 1 : fr) : Dim.Unknown;
        return ctx.Single(ctx.Input(0).DType, Shape.Of(s[0], frames, bins, Dim.Of(2))) with { CountsInTextbookSum = false };
    }
}
