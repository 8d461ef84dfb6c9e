using System.Collections.Immutable;

namespace CnnMem.Ops.Elementwise;

/// <summary>The shared part of binary and variadic element-wise rules: shape, value, saved tensors, cost.</summary>
internal static class BinaryElementwise
{
    /// <summary>
    /// 1. Output shape by broadcasting (<see cref="Broadcasting.ForNode"/>).
    /// 2. Value: <paramref name="ints"/>/<paramref name="reals"/> folded left over the operands.
    /// 3. Saved: nothing, every operand, or every operand and the result (pow).
    /// 4. Flops: per output element, once per combining step.
    /// </summary>
    public static OpResult Result(OpContext ctx, DType dtype, BinaryOpInfo info, Func<long, long, long>? ints, Func<double, double, double>? reals)
    {
        var shape = Broadcasting.ForNode(ctx);
        var value = ElementwiseValues.Map(
            ctx.Inputs,
            shape,
            dtype,
            ints is null ? null : a => a.Aggregate(ints),
            reals is null ? null : a => a.Aggregate(reals));
        var operands = Enumerable.Range(0, ctx.InputCount).Select(i => SavedTensor.In(i, i == 0 ? "self" : "other") with { Condition = info.Condition });
        var saved = info.Keeps switch
        {
            BackwardKeeps.Input => operands.ToImmutableArray(),
            BackwardKeeps.InputAndOutput => operands.Append(SavedTensor.Out(0, "result")).ToImmutableArray(),
            _ => ImmutableArray<SavedTensor>.Empty,
        };
        var steps = Math.Max(1, ctx.InputCount - 1);
        return ctx.Single(dtype, shape, value) with
        {
            OtherFlops = ElementwiseCost.Flops(shape, checked(info.FlopsPerElement * steps)),
            Saved = saved,
            CountsInTextbookSum = false,
            Autocast = info.Autocast,
        };
    }
}
