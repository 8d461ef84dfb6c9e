using System.Collections.Immutable;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>
/// ONNX RandomNormal/RandomUniform (shape from the <c>shape</c> attribute, dtype default float32),
/// RandomNormalLike/RandomUniformLike and Bernoulli (input 0's shape; dtype from <c>dtype</c>, else the input's).
/// </summary>
internal sealed class RandomRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("RandomNormal", "RandomUniform", "RandomNormalLike", "RandomUniformLike", "Bernoulli");

    public string Description => "Random tensors (normal, uniform, Bernoulli) of a given or borrowed shape.";

    public OpResult Infer(OpContext ctx)
    {
        if (ctx.Node.Op is "RandomNormal" or "RandomUniform")
        {
            var shape = ctx.Attr.Ints("shape") ?? throw new Graphs.OpException("needs the 'shape' attribute");
            OpContext.Require(shape.All(d => d >= 0), $"shape [{string.Join(",", shape)}] has a negative dim");
            return ctx.Single(OnnxDataTypes.FromAttr(ctx.Attr, "dtype", DType.Float32), Shape.Of(shape.ToArray())) with { CountsInTextbookSum = false };
        }
        var x = ctx.Input(0);
        return ctx.Single(OnnxDataTypes.FromAttr(ctx.Attr, "dtype", x.DType), ctx.InputShape(0)) with { CountsInTextbookSum = false };
    }
}
