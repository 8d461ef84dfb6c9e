using System.Collections.Immutable;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>ONNX Tile: each dim times input 1's repeats (the <c>tiles</c>/<c>axis</c> inputs of opset 1 are not supported). Runtime repeats give unknown dims.</summary>
internal sealed class TileRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("Tile");

    public string Description => "Repeat a tensor along each axis.";

    public OpResult Infer(OpContext ctx)
    {
        var x = ctx.Input(0);
        var s = ctx.InputShape(0);
        OpContext.Require(ctx.InputCount == 2, $"expects 2 inputs (input, repeats), found {ctx.InputCount}; opset 1's tiles/axis form is not supported");
        var reps = ValueOps.Ints(ctx, 1);
        if (reps is null)
        {
            return ctx.Single(x.DType, ValueOps.Unknown(s.Rank)) with { CountsInTextbookSum = false };
        }
        OpContext.Require(reps.Length == s.Rank, $"repeats has {reps.Length} values, expected {s.Rank} (the input rank)");
        OpContext.Require(reps.All(r => r >= 0), $"repeats [{string.Join(",", reps)}] has a negative value");
        var outShape = new Shape(s.Select((d, i) => ValueOps.Times(d, reps[i])));
        return ctx.Single(x.DType, outShape) with { CountsInTextbookSum = false };
    }
}
