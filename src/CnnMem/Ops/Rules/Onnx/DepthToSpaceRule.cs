using System.Collections.Immutable;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>
/// ONNX DepthToSpace [N, C, H, W] -> [N, C/b², H*b, W*b] and SpaceToDepth (the inverse), b = <c>blocksize</c>.
/// Pure data movement (a reshape and a permute).
/// </summary>
internal sealed class DepthToSpaceRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("DepthToSpace", "SpaceToDepth");

    public string Description => "Move channel blocks into spatial blocks (pixel shuffle) and back.";

    public OpResult Infer(OpContext ctx)
    {
        var x = ctx.Input(0);
        var s = ctx.InputShape(0);
        OpContext.Require(s.Rank == 4, $"expects a 4-D input [N, C, H, W], found shape {s}");
        var b = ctx.Attr.IntOrNull("blocksize") ?? throw new Graphs.OpException("needs the 'blocksize' attribute");
        OpContext.Require(b >= 1, $"blocksize must be at least 1, found {b}");
        Shape outShape;
        if (ctx.Node.Op == "DepthToSpace")
        {
            OpContext.Require(s[1].Value is not { } c || c % (b * b) == 0, $"channels ({s[1]}) must be divisible by blocksize² ({b * b})");
            outShape = Shape.Of(s[0], s[1].Value is { } cv ? Dim.Of(cv / (b * b)) : Dim.Unknown, ValueOps.Times(s[2], b), ValueOps.Times(s[3], b));
        }
        else
        {
            OpContext.Require(s[2].Value is not { } h || h % b == 0, $"height ({s[2]}) must be divisible by blocksize ({b})");
            OpContext.Require(s[3].Value is not { } w || w % b == 0, $"width ({s[3]}) must be divisible by blocksize ({b})");
            outShape = Shape.Of(s[0], ValueOps.Times(s[1], b * b), Div(s[2], b), Div(s[3], b));
        }
        return ctx.Single(x.DType, outShape) with { CountsInTextbookSum = false };
    }

    private static Dim Div(Dim d, long b) => d.Value is { } v ? Dim.Of(v / b) : Dim.Unknown;
}
