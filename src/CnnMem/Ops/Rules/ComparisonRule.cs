using System.Collections.Frozen;
using System.Collections.Immutable;
using CnnMem.Graphs;
using CnnMem.Ops.Elementwise;

namespace CnnMem.Ops.Rules;

/// <summary>
/// Comparisons and logic with NumPy broadcasting (ONNX Equal, Less, LessOrEqual, Greater,
/// GreaterOrEqual, And, Or, Xor). Output: bool, broadcast shape. Operands share one type (bool for
/// the logic ops). No gradient, so nothing is saved. Value inference gives 0/1 (exporters compare
/// shape values to pick branches of Where).
/// </summary>
internal sealed class ComparisonRule : IOpRule
{
    private static readonly ImmutableArray<BinaryOpInfo> Rows = ImmutableArray.Create(
        new BinaryOpInfo("Equal", InputKind.Any, BackwardKeeps.Nothing, 1, (a, b) => a == b ? 1 : 0, (a, b) => a == b ? 1 : 0),
        new BinaryOpInfo("Less", InputKind.Numeric, BackwardKeeps.Nothing, 1, (a, b) => a < b ? 1 : 0, (a, b) => a < b ? 1 : 0),
        new BinaryOpInfo("LessOrEqual", InputKind.Numeric, BackwardKeeps.Nothing, 1, (a, b) => a <= b ? 1 : 0, (a, b) => a <= b ? 1 : 0),
        new BinaryOpInfo("Greater", InputKind.Numeric, BackwardKeeps.Nothing, 1, (a, b) => a > b ? 1 : 0, (a, b) => a > b ? 1 : 0),
        new BinaryOpInfo("GreaterOrEqual", InputKind.Numeric, BackwardKeeps.Nothing, 1, (a, b) => a >= b ? 1 : 0, (a, b) => a >= b ? 1 : 0),
        new BinaryOpInfo("And", InputKind.Bool, BackwardKeeps.Nothing, 1, (a, b) => a != 0 && b != 0 ? 1 : 0, null),
        new BinaryOpInfo("Or", InputKind.Bool, BackwardKeeps.Nothing, 1, (a, b) => a != 0 || b != 0 ? 1 : 0, null),
        new BinaryOpInfo("Xor", InputKind.Bool, BackwardKeeps.Nothing, 1, (a, b) => (a != 0) != (b != 0) ? 1 : 0, null));

    private static readonly FrozenDictionary<string, BinaryOpInfo> ByOp = Rows.ToFrozenDictionary(r => r.Op, StringComparer.Ordinal);

    public ImmutableArray<string> OpTypes { get; } = Rows.Select(r => r.Op).ToImmutableArray();

    public string Description => "Element-wise comparisons (equal, less, greater, ...) and logic (and, or, xor) with broadcasting; bool output.";

    public OpResult Infer(OpContext ctx)
    {
        var info = ByOp.TryGetValue(ctx.Node.Op, out var i) ? i : throw new OpException($"is not a comparison this rule knows (expected one of {string.Join(", ", OpTypes)})");
        OpContext.Require(ctx.InputCount == 2, $"expects exactly 2 inputs, found {ctx.InputCount}");
        InputKinds.Require(info.Accepts, ctx.Input(0));
        InputKinds.Require(info.Accepts, ctx.Input(1));
        ElementwiseTypes.Common(ctx);
        return BinaryElementwise.Result(ctx, DType.Bool, info, info.Ints, info.Reals);
    }
}
