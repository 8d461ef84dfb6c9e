using System.Collections.Immutable;
using CnnMem.Core;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>
/// ONNX NegativeLogLikelihoodLoss(input [N, C, d..], target [N, d..], weight [C]?) and
/// SoftmaxCrossEntropyLoss(scores, labels, weight?) with an optional second output, the log-probabilities
/// (scores' shape). <c>reduction</c> mean (default) or sum gives a scalar; none gives the target's shape.
/// Backward (PyTorch nll_loss / cross_entropy): keeps the log-probabilities and the target.
/// </summary>
internal sealed class LossRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("NegativeLogLikelihoodLoss", "SoftmaxCrossEntropyLoss");

    public string Description => "Classification losses: negative log-likelihood and softmax cross-entropy (mean, sum, none).";

    public OpResult Infer(OpContext ctx)
    {
        // 1. Check input [N, C, d..] against target [N, d..].
        // 2. Output: scalar for mean/sum, target's shape for none; SCE's optional log_prob is the input's shape.
        var x = ctx.Input(0);
        var s = ctx.InputShape(0);
        var t = ctx.InputShape(1);
        OpContext.Require(s.Rank >= 2, $"expects an input [N, C, d..] of rank 2 or more, found {s}");
        OpContext.Require(t.Rank == s.Rank - 1, $"target has shape {t}, expected rank {s.Rank - 1} ([N, d..]) for input {s}");
        for (var i = 0; i < t.Rank; i++)
        {
            var a = s[i == 0 ? 0 : i + 1];
            OpContext.Require(!a.IsKnown || !t[i].IsKnown || a.Value == t[i].Value, $"target shape {t} does not match input {s} (expected [N, d..] = input without its class dim)");
        }
        var reduction = ctx.Attr.Str("reduction", "mean");
        OpContext.Require(reduction is "mean" or "sum" or "none", $"reduction must be mean, sum or none, found '{reduction}'");
        var loss = reduction == "none" ? t : Shape.Scalar;
        var outputs = ImmutableArray.CreateBuilder<TensorInfo>();
        outputs.Add(ctx.Output(0, x.DType, loss));
        if (ctx.Node.Op == "SoftmaxCrossEntropyLoss" && ctx.Node.Outputs.Length > 1 && ctx.Node.Outputs[1].Length > 0)
        {
            outputs.Add(ctx.Output(1, x.DType, s));
        }
        var savedLogProbs = ctx.Node.Op == "SoftmaxCrossEntropyLoss"
            ? SavedTensor.Extra("log_softmax result", s, x.DType)
            : SavedTensor.In(0, "log-probabilities");
        return new OpResult(outputs.ToImmutable())
        {
            CountsInTextbookSum = false,
            Saved = ImmutableArray.Create(savedLogProbs, SavedTensor.In(1, "target")),
        };
    }
}
