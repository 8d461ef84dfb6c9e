using System.Collections.Immutable;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>
/// ai.onnx.preview.training Adagrad, Momentum and Adam: inputs R, T, then per tensor X, G and state;
/// each output has the shape of the matching non-scalar input after R and T, in order.
/// </summary>
internal sealed class TrainingOptimizerRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("Adagrad", "Momentum", "Adam");

    public string Domain => "ai.onnx.preview.training";

    public string Description => "Optimizer update steps from the ONNX training preview domain.";

    public OpResult Infer(OpContext ctx)
    {
        // Inputs: R, T, X1..Xn, G1..Gn, state1..; outputs: X1_new..Xn_new, state1_new.. -> the inputs after
        // R and T, without the gradients.
        var perTensor = ctx.Node.Op switch { "Adagrad" => 3, "Momentum" => 3, _ => 4 };
        var n = (ctx.InputCount - 2) / perTensor;
        OpContext.Require(n >= 1 && ctx.InputCount == 2 + n * perTensor, $"expects R, T and {perTensor} inputs per optimized tensor, found {ctx.InputCount} inputs");
        var sources = Enumerable.Range(0, n).Select(i => 2 + i)
            .Concat(Enumerable.Range(0, n * (perTensor - 2)).Select(i => 2 + 2 * n + i))
            .ToArray();
        var outputs = Enumerable.Range(0, Math.Min(ctx.Node.Outputs.Length, sources.Length))
            .Select(i => ctx.Output(i, ctx.Input(sources[i]).DType, ctx.InputShape(sources[i])))
            .ToImmutableArray();
        return new OpResult(outputs) { CountsInTextbookSum = false };
    }
}
