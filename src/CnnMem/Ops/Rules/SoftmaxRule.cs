using System.Collections.Immutable;
using CnnMem.Graphs;
using CnnMem.Ops.Elementwise;

namespace CnnMem.Ops.Rules;

/// <summary>
/// Softmax, LogSoftmax and Hardmax (ONNX; spec <c>softmax</c>, <c>logsoftmax</c>). Before opset 13 the
/// input is coerced to 2-D at <c>axis</c> (default 1); from 13 the op runs along <c>axis</c> (default
/// -1). Either way the output has the input's shape and type; only the axis range is checked.
/// Backward (PyTorch): softmax and log_softmax keep their result; Hardmax has no gradient.
/// Textbook: Softmax modules count in the oracle's activation sum, so these rows do too (not Hardmax,
/// which is no PyTorch module).
/// </summary>
internal sealed class SoftmaxRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("Softmax", "LogSoftmax", "Hardmax");

    public string Description => "Softmax, log-softmax and hardmax along an axis (opset < 13: coerced to 2-D at the axis).";

    public ImmutableArray<SpecSyntax> Spec { get; } = ImmutableArray.Create(
        Keyword("Softmax", "softmax"),
        Keyword("LogSoftmax", "logsoftmax"));

    public OpResult Infer(OpContext ctx)
    {
        OpContext.Require(OpTypes.Contains(ctx.Node.Op), $"is not an op this rule knows (expected one of {string.Join(", ", OpTypes)})");
        OpContext.Require(ctx.InputCount == 1, $"expects exactly 1 input, found {ctx.InputCount}");
        var x = ctx.Input(0);
        InputKinds.Require(InputKind.Float, x);
        var warnings = new List<string>();
        if (x.Shape.IsRanked)
        {
            OpContext.Require(x.Shape.Rank >= 1, "expects an input of rank at least 1, found a scalar");
            var fallback = ctx.Opset is > 0 and < 13 ? 1 : -1;
            AxisCheck.Normalize(ctx.Attr.Int("axis", fallback), x.Shape.Rank, ctx.Opset, warnings);
        }
        var hardmax = ctx.Node.Op == "Hardmax";
        var result = UnaryElementwise.Result(ctx, x.DType, hardmax ? BackwardKeeps.Nothing : BackwardKeeps.Output, flopsPerElement: 5, inPlace: false);
        return result with { CountsInTextbookSum = !hardmax, Warnings = warnings.ToImmutableArray(), Autocast = hardmax ? AutocastClass.Promote : AutocastClass.Float32 };
    }

    private static SpecSyntax Keyword(string op, string keyword) => new(
        ImmutableArray.Create(keyword),
        keyword,
        ImmutableArray<SpecArg>.Empty,
        ImmutableArray.Create(new SpecArg("axis", "axis", SpecArgKind.Int, "axis to normalize over (default -1, the last)")))
    {
        Op = op,
    };
}
