using System.Collections.Frozen;
using System.Collections.Immutable;
using CnnMem.Graphs;
using CnnMem.Ops.Elementwise;

namespace CnnMem.Ops.Rules;

/// <summary>
/// Variadic element-wise reductions across inputs with NumPy broadcasting (ONNX Max, Min, Sum, Mean;
/// one or more inputs). Type: the inputs' common type. Backward (PyTorch maximum/minimum): keep their
/// operands; sum and mean keep nothing. Broadcasting is applied at every opset (before opset 8 ONNX
/// required equal shapes, which broadcasting accepts unchanged).
/// </summary>
internal sealed class VariadicElementwiseRule : IOpRule
{
    private static readonly ImmutableArray<BinaryOpInfo> Rows = ImmutableArray.Create(
        new BinaryOpInfo("Max", InputKind.Numeric, BackwardKeeps.Input, 1, Math.Max, Math.Max),
        new BinaryOpInfo("Min", InputKind.Numeric, BackwardKeeps.Input, 1, Math.Min, Math.Min),
        new BinaryOpInfo("Sum", InputKind.Numeric, BackwardKeeps.Nothing, 1, (a, b) => checked(a + b), (a, b) => a + b),
        new BinaryOpInfo("Mean", InputKind.Numeric, BackwardKeeps.Nothing, 1, null, null));

    private static readonly FrozenDictionary<string, BinaryOpInfo> ByOp = Rows.ToFrozenDictionary(r => r.Op, StringComparer.Ordinal);

    public ImmutableArray<string> OpTypes { get; } = Rows.Select(r => r.Op).ToImmutableArray();

    public string Description => "Element-wise max, min, sum and mean over any number of inputs, with broadcasting.";

    public OpResult Infer(OpContext ctx)
    {
        var info = ByOp.TryGetValue(ctx.Node.Op, out var i) ? i : throw new OpException($"is not a variadic op this rule knows (expected one of {string.Join(", ", OpTypes)})");
        OpContext.Require(ctx.InputCount >= 1, "expects at least 1 input, found none");
        for (var k = 0; k < ctx.InputCount; k++)
        {
            InputKinds.Require(info.Accepts, ctx.Input(k));
        }
        var dtype = ElementwiseTypes.Common(ctx);
        if (info.Op != "Mean")
        {
            return BinaryElementwise.Result(ctx, dtype, info, info.Ints, info.Reals) with { MergesLayers = info.Op == "Sum" };
        }
        // Mean = sum / count, evaluated on reals (ONNX Mean takes floats only).
        var n = ctx.InputCount;
        var sum = BinaryElementwise.Result(ctx, dtype, info, null, (a, b) => a + b);
        var value = sum.Outputs[0].Value is { Reals: { } r } v ? v with { Reals = r.Select(x => x / n).ToImmutableArray() } : null;
        return sum with { Outputs = ImmutableArray.Create(sum.Outputs[0] with { Value = value }) };
    }
}
