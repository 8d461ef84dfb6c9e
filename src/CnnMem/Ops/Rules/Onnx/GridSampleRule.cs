using System.Collections.Immutable;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>
/// ONNX GridSample: input [N, C, D1..] sampled at grid [N, O1.., r] gives [N, C, O1..].
/// Backward (PyTorch grid_sampler): keeps the input and the grid.
/// </summary>
internal sealed class GridSampleRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("GridSample");

    public string Description => "Sample an input at grid coordinates (spatial transformer).";

    public OpResult Infer(OpContext ctx)
    {
        var x = ctx.InputShape(0);
        var g = ctx.InputShape(1);
        OpContext.Require(x.Rank >= 3 && g.Rank == x.Rank, $"expects input [N, C, D..] and grid [N, O.., {x.Rank - 2}] of the same rank, found {x} and {g}");
        var outShape = Shape.Of(x[0], x[1]).Concat(g.Skip(1).Take(g.Rank - 2));
        return ctx.Single(ctx.Input(0).DType, outShape) with
        {
            Saved = ImmutableArray.Create(SavedTensor.In(0, "input"), SavedTensor.In(1, "grid")),
        };
    }
}
