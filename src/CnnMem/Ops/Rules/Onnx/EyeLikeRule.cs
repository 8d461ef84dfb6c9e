using System.Collections.Immutable;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>ONNX EyeLike: a 2-D identity-like tensor of input 0's shape; dtype from <c>dtype</c> or the input's.</summary>
internal sealed class EyeLikeRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("EyeLike");

    public string Description => "Ones on a diagonal, zeros elsewhere, shaped like the input.";

    public OpResult Infer(OpContext ctx)
    {
        var s = ctx.InputShape(0);
        OpContext.Require(s.Rank == 2, $"expects a 2-D input, found shape {s}");
        var dtype = OnnxDataTypes.FromAttr(ctx.Attr, "dtype", ctx.Input(0).DType);
        return ctx.Single(dtype, s) with { CountsInTextbookSum = false };
    }
}
