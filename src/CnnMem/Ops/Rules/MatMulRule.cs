using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Ops.Elementwise;
using CnnMem.Ops.Spatial;

namespace CnnMem.Ops.Rules;

/// <summary>
/// Matrix product with NumPy semantics (ONNX MatMul).
/// 1. A 1-D A of [K] is treated as [1, K] and a 1-D B of [K] as [K, 1]; the added axis is dropped from the result.
/// 2. The leading (batch) dims of A and B broadcast (<see cref="Broadcasting"/>); the last two multiply: [.., M, K] x [.., K, N].
/// 3. Output: batch + [M] (unless A was 1-D) + [N] (unless B was 1-D).
/// 4. MACs = prod(batch) * M * N * K.
/// 5. Backward (PyTorch matmul/bmm): keeps both operands (a parameter is held by reference; the memory model leaves it out).
/// </summary>
internal sealed class MatMulRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("MatMul");

    public string Description => "Matrix product with NumPy broadcasting of batch dimensions and 1-D operands.";

    public OpResult Infer(OpContext ctx)
    {
        var a = ctx.KnownDims(0);
        var b = ctx.KnownDims(1);
        OpContext.Require(a.Length >= 1, $"input A must have at least one dimension, found a scalar");
        OpContext.Require(b.Length >= 1, $"input B must have at least one dimension, found a scalar");
        var a2 = a.Length == 1 ? new[] { 1L, a[0] } : a;
        var b2 = b.Length == 1 ? new[] { b[0], 1L } : b;
        var (m, k) = (a2[^2], a2[^1]);
        var (kb, n) = (b2[^2], b2[^1]);
        OpContext.Require(k == kb,
            $"A {ctx.Input(0).Shape} and B {ctx.Input(1).Shape} cannot be multiplied: A has {k} columns but B has {kb} rows");

        var batch = Broadcasting.Shapes(Shape.Of(a2[..^2]), Shape.Of(b2[..^2])).ToLongs();
        var outDims = batch.ToList();
        if (a.Length > 1)
        {
            outDims.Add(m);
        }
        if (b.Length > 1)
        {
            outDims.Add(n);
        }
        OpContext.Require(ctx.Input(1).DType == ctx.Input(0).DType, $"A is {DTypes.Name(ctx.Input(0).DType)} but B is {DTypes.Name(ctx.Input(1).DType)}; both must have the same type");
        return ctx.Single(ctx.Input(0).DType, Shape.Of(outDims.ToArray())) with
        {
            Macs = checked(SpatialInput.Product(batch) * m * n * k),
            // A is kept for B's gradient and B for A's (derivatives.yaml: mm keeps mat1 only if mat2 requires grad)
            Saved = ImmutableArray.Create(
                SavedTensor.In(0, "A") with { Condition = SaveCondition.OtherOperandRequiresGrad },
                SavedTensor.In(1, "B") with { Condition = SaveCondition.OtherOperandRequiresGrad }),
            Autocast = AutocastClass.LowerPrecision,
            TensorCoreAxis = -1,
        };
    }
}
