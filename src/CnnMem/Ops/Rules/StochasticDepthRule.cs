using System.Collections.Immutable;
using CnnMem.Core;

namespace CnnMem.Ops.Rules;

/// <summary>
/// Stochastic depth (torchvision.ops.StochasticDepth; cnnmem op <c>StochasticDepth</c>, spec <c>stochastic_depth P</c>):
/// in training, each sample's (mode <c>row</c>) or the whole batch's (mode <c>batch</c>) residual branch is dropped
/// with probability <c>p</c> and the survivors scaled by 1/(1-p).
/// 1. Shape: the output is like the input; <c>p</c> must lie in [0, 1].
/// 2. Inference, or p = 0: the input itself (a view), not counted in the textbook activation sum.
/// 3. Training (PyTorch): <c>input * noise</c> is a new tensor; the product keeps the noise for backward, shaped
///    (N, 1, ..., 1) in row mode and (1, ..., 1) in batch mode.
/// 4. Cost: one multiply per output element.
/// </summary>
internal sealed class StochasticDepthRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("StochasticDepth");

    public string Domain => "cnnmem";

    public string Description => "Stochastic depth: identity in inference; in training the input times a per-sample noise, which it keeps.";

    public ImmutableArray<SpecSyntax> Spec { get; } = ImmutableArray.Create(new SpecSyntax(
        ImmutableArray.Create("stochastic_depth"),
        "sd",
        ImmutableArray.Create(new SpecArg("p", "p", SpecArgKind.Float, "probability of dropping a sample's residual branch (default 0)")),
        ImmutableArray<SpecArg>.Empty));

    public OpResult Infer(OpContext ctx)
    {
        var input = ctx.Input(0);
        OpContext.Require(input.Shape.IsRanked && input.Shape.Rank >= 1, $"input 0 ('{input.Name}') needs a known rank of at least 1");
        OpContext.Require(DTypes.IsFloat(input.DType), $"expects a floating point input, found {DTypes.Name(input.DType)}");
        var p = ctx.Attr.Float("p", 0);
        OpContext.Require(p is >= 0 and <= 1, $"the drop probability p must be in [0, 1], found {p}");
        var mode = ctx.Attr.Str("mode", "row");
        OpContext.Require(mode is "row" or "batch", $"mode must be 'row' or 'batch', found '{mode}'");
        var dims = Enumerable.Range(0, input.Shape.Rank).Select(i => i == 0 && mode == "row" ? input.Shape[0] : Dim.Of(1)).ToArray();
        var output = ctx.Output(0, input.DType, input.Shape);
        return new OpResult(ImmutableArray.Create(output))
        {
            ViewOfInput = p == 0 ? 0 : null,
            IdentityInInference = true,
            CountsInTextbookSum = false,
            OtherFlops = p == 0 ? 0 : output.Elements ?? 0,
            Saved = p == 0 ? ImmutableArray<SavedTensor>.Empty : ImmutableArray.Create(SavedTensor.Extra("noise", Shape.Of(dims), input.DType)),
        };
    }
}
