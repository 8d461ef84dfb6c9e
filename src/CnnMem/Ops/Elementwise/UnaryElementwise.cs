using System.Collections.Immutable;
using CnnMem.Core;

namespace CnnMem.Ops.Elementwise;

/// <summary>The result of an op whose output has its input's shape (activations, unary math, softmax).</summary>
internal static class UnaryElementwise
{
    /// <summary>
    /// Builds the result: one output shaped like input 0 with <paramref name="dtype"/>, the saved
    /// tensors <paramref name="keeps"/> names, per-element flops, and never in the textbook sum
    /// (the oracle leaves element-wise modules out of it).
    /// </summary>
    public static OpResult Result(OpContext ctx, DType dtype, BackwardKeeps keeps, long flopsPerElement, bool inPlace, TensorValue? value = null)
    {
        var x = ctx.Input(0);
        // one result, not ctx.Single(...) with {...}: that copies the record for every activation of a large graph
        return new OpResult(ImmutableArray.Create(ctx.Output(0, dtype, x.Shape, value)))
        {
            OtherFlops = ElementwiseCost.Flops(x.Shape, flopsPerElement),
            Saved = Saved(keeps, x),
            CountsInTextbookSum = false,
            CanRunInPlace = inPlace,
        };
    }

    // shared by every node (the lists are immutable): one activation per layer of a large graph allocates none
    private static readonly ImmutableArray<SavedTensor> KeepsInput = ImmutableArray.Create(SavedTensor.In(0, "input"));
    private static readonly ImmutableArray<SavedTensor> KeepsOutput = ImmutableArray.Create(SavedTensor.Out(0, "result"));
    private static readonly ImmutableArray<SavedTensor> KeepsBoth = ImmutableArray.Create(SavedTensor.In(0, "input"), SavedTensor.Out(0, "result"));

    public static ImmutableArray<SavedTensor> Saved(BackwardKeeps keeps, TensorInfo x) => keeps switch
    {
        BackwardKeeps.Nothing => ImmutableArray<SavedTensor>.Empty,
        BackwardKeeps.Input => KeepsInput,
        BackwardKeeps.Output => KeepsOutput,
        BackwardKeeps.InputAndOutput => KeepsBoth,
        BackwardKeeps.InputAndDenominator => ImmutableArray.Create(
            SavedTensor.In(0, "input"),
            SavedTensor.Extra("denominator 1 + |x|", x.Shape, x.DType)),
        _ => throw new ArgumentOutOfRangeException(nameof(keeps)),
    };

    /// <summary>Requires a numeric input (activations accept floats; ReLU also integers from opset 14).</summary>
    public static void RequireNumeric(TensorInfo x) =>
        ElementwiseTypes.Require(x, t => DTypes.IsFloat(t) || DTypes.IsInteger(t), "a numeric");
}
