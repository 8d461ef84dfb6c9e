using System.Collections.Immutable;
using CnnMem.Core;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>
/// ONNX ConstantOfShape: a tensor of the shape given by input 0's value, filled with the one-element
/// <c>value</c> attribute (default float32 0). A runtime shape gives unknown dims (rank = its length).
/// </summary>
internal sealed class ConstantOfShapeRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("ConstantOfShape");

    public string Description => "A tensor of a given shape filled with one value.";

    public OpResult Infer(OpContext ctx)
    {
        var fill = ctx.Attr.Tensor("value");
        var dtype = fill?.DType ?? DType.Float32;
        var dims = ValueOps.Ints(ctx, 0);
        if (dims is null)
        {
            var len = ValueOps.Length(ctx, 0);
            return ctx.Single(dtype, len is { } l ? ValueOps.Unknown((int)l) : Shape.Unranked) with { CountsInTextbookSum = false };
        }
        OpContext.Require(dims.All(d => d >= 0), $"shape [{string.Join(",", dims)}] has a negative dim");
        var shape = Shape.Of(dims);
        var x = fill?.Value?.AsDoubles().FirstOrDefault() ?? 0.0;
        TensorValue? value = shape.Elements <= ValueOps.MaxElements && (fill is null || fill.Value is not null)
            ? ValueOps.Value(dtype, shape, Enumerable.Repeat(x, (int)shape.Elements!.Value).ToArray())
            : null;
        return ctx.Single(dtype, shape, value) with { CountsInTextbookSum = false };
    }
}
