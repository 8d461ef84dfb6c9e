using System.Collections.Immutable;

namespace CnnMem.Ops.Rules;

/// <summary>
/// Identity (ONNX): the output is the input, as a view (no new storage, not in the textbook sum),
/// with its known value passed on. Exporters use it to share a deduplicated initializer.
/// </summary>
internal sealed class IdentityRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("Identity");

    public string Description => "Identity: passes its input through as a view.";

    public OpResult Infer(OpContext ctx)
    {
        OpContext.Require(ctx.InputCount == 1, $"expects exactly 1 input, found {ctx.InputCount}");
        var x = ctx.Input(0);
        return ctx.Single(x.DType, x.Shape, x.Value) with { ViewOfInput = 0, CountsInTextbookSum = false };
    }
}
