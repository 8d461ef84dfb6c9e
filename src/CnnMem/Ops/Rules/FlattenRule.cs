using System.Collections.Immutable;
using CnnMem.Ops.Spatial;

namespace CnnMem.Ops.Rules;

/// <summary>
/// Flatten (ONNX Flatten; spec <c>flatten</c>): [d0, ..., d(r-1)] -> [d0 * ... * d(axis-1), d(axis) * ... * d(r-1)],
/// axis default 1 (negative from the end, opset 11+). A view of its input: no new storage, no cost, nothing saved,
/// and not counted in the textbook activation sum. A statically known value passes through with the new shape.
/// </summary>
internal sealed class FlattenRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("Flatten");

    public string Description => "Flatten to 2-D around an axis (a view of the input).";

    public ImmutableArray<SpecSyntax> Spec { get; } = ImmutableArray.Create(new SpecSyntax(
        ImmutableArray.Create("flatten"),
        "flatten",
        ImmutableArray<SpecArg>.Empty,
        ImmutableArray.Create(new SpecArg("axis", "axis", SpecArgKind.Int, "first axis of the second output dim (default 1, keeping the batch)"))));

    public OpResult Infer(OpContext ctx)
    {
        var x = ctx.KnownDims(0);
        var rank = x.Length;
        var axis = ctx.Attr.Int("axis", 1);
        OpContext.Require(axis >= -rank && axis <= rank, $"axis must be in [{-rank}, {rank}] for a rank {rank} input, found {axis}");
        var split = (int)(axis < 0 ? axis + rank : axis);
        var shape = Shape.Of(SpatialInput.Product(x[..split]), SpatialInput.Product(x[split..]));
        var value = ctx.Input(0).Value is { } v ? v with { Shape = shape } : null;
        return ctx.Single(ctx.Input(0).DType, shape, value) with
        {
            ViewOfInput = 0,
            CountsInTextbookSum = false,
        };
    }
}
