using System.Collections.Immutable;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>ONNX RoiAlign: X [N, C, H, W], rois [R, 4] -> [R, C, output_height, output_width] (defaults 1).</summary>
internal sealed class RoiAlignRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("RoiAlign");

    public string Description => "Region-of-interest align pooling.";

    public OpResult Infer(OpContext ctx)
    {
        var x = ctx.InputShape(0);
        var rois = ctx.InputShape(1);
        OpContext.Require(x.Rank == 4 && rois.Rank == 2, $"expects X [N, C, H, W] and rois [R, 4], found {x} and {rois}");
        var outShape = Shape.Of(rois[0], x[1], Dim.Of(ctx.Attr.Int("output_height", 1)), Dim.Of(ctx.Attr.Int("output_width", 1)));
        return ctx.Single(ctx.Input(0).DType, outShape);
    }
}
