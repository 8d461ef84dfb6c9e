using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Ops.Spatial;

namespace CnnMem.Ops.Rules;

/// <summary>
/// General matrix multiply (ONNX Gemm): Y = alpha * A' * B' + beta * C, with A' = transA ? A^T : A and B' likewise.
/// 1. A' is [M, K], B' is [K, N]; both must be 2-D and agree on K.
/// 2. C, when present, must broadcast one way to [M, N] (each of its dims equal or 1, right-aligned).
/// 3. MACs = M * N * K; OtherFlops = M * N for adding C.
/// 4. Backward (PyTorch addmm): keeps both matrix operands; a parameter among them is held by reference,
///    which the memory model recognises and leaves out.
/// </summary>
internal sealed class GemmRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("Gemm");

    public string Description => "General matrix multiply with optional transposes and a broadcast bias C.";

    public OpResult Infer(OpContext ctx)
    {
        var a = ctx.KnownDims(0);
        var b = ctx.KnownDims(1);
        OpContext.Require(a.Length == 2, $"input A must be a matrix, found shape {ctx.Input(0).Shape}");
        OpContext.Require(b.Length == 2, $"input B must be a matrix, found shape {ctx.Input(1).Shape}");
        var transA = SpatialInput.Flag(ctx.Attr, "transA", false);
        var transB = SpatialInput.Flag(ctx.Attr, "transB", false);
        var (m, k) = transA ? (a[1], a[0]) : (a[0], a[1]);
        var (kb, n) = transB ? (b[1], b[0]) : (b[0], b[1]);
        OpContext.Require(k == kb,
            $"A{(transA ? "^T" : "")} is {m}x{k} and B{(transB ? "^T" : "")} is {kb}x{n}: the inner dimensions must match");

        if (ctx.HasInput(2))
        {
            var c = ctx.InputShape(2);
            var target = new[] { m, n };
            var ok = c.Rank <= 2 && c.Select((d, i) => (d, t: target[i + 2 - c.Rank])).All(p => p.d.Value == p.t || p.d.Value == 1);
            OpContext.Require(ok, $"C has shape {c}, which does not broadcast to the output {m}x{n}");
        }

        var dtype = ctx.Input(0).DType;
        OpContext.Require(ctx.Input(1).DType == dtype, $"A is {DTypes.Name(dtype)} but B is {DTypes.Name(ctx.Input(1).DType)}; both must have the same type");
        return ctx.Single(dtype, Shape.Of(m, n)) with
        {
            Macs = checked(m * n * k),
            OtherFlops = ctx.HasInput(2) ? checked(m * n) : 0,
            // A is kept for B's gradient and B for A's (derivatives.yaml: mm keeps mat1 only if mat2 requires grad)
            Saved = ImmutableArray.Create(
                SavedTensor.In(0, "A") with { Condition = SaveCondition.OtherOperandRequiresGrad },
                SavedTensor.In(1, "B") with { Condition = SaveCondition.OtherOperandRequiresGrad }),
            Autocast = AutocastClass.LowerPrecision,
            TensorCoreAxis = -1,
        };
    }
}
