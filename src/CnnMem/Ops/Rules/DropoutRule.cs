using System.Collections.Immutable;
using CnnMem.Core;

namespace CnnMem.Ops.Rules;

/// <summary>
/// Dropout (ONNX Dropout; spec <c>dropout [P]</c>, P default 0.5).
/// 1. The ratio: attribute <c>ratio</c> before opset 12 (and in specs); from opset 12 the optional input 1 when its
///    value is known (an unknown ratio is taken as non-zero), else 0.5. It must lie in [0, 1).
/// 2. Outputs: output like the input; the optional mask like the input, bool from opset 10 (the input's type before).
/// 3. Inference: a view of its input (identity), not counted in the textbook activation sum.
/// 4. Backward (PyTorch on CPU, training): keeps a float mask the size of the input (input * noise); with a ratio
///    of 0 nothing is kept (ViT's p = 0.0).
/// </summary>
internal sealed class DropoutRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("Dropout");

    public string Description => "Dropout: identity in inference; in training keeps a mask the size of its input.";

    public ImmutableArray<SpecSyntax> Spec { get; } = ImmutableArray.Create(new SpecSyntax(
        ImmutableArray.Create("dropout"),
        "dropout",
        ImmutableArray.Create(new SpecArg("p", "ratio", SpecArgKind.Float, "probability of zeroing an element (default 0.5)")),
        ImmutableArray<SpecArg>.Empty));

    public OpResult Infer(OpContext ctx)
    {
        var input = ctx.Input(0);
        OpContext.Require(input.Shape.IsRanked, $"input 0 ('{input.Name}') has an unknown rank");
        OpContext.Require(DTypes.IsFloat(input.DType), $"expects a floating point input, found {DTypes.Name(input.DType)}");
        var ratio = Ratio(ctx);
        OpContext.Require(ratio is null || (ratio >= 0 && ratio < 1), $"the dropout ratio must be in [0, 1), found {ratio}");
        OpContext.Require(!ctx.HasInput(2) || ctx.Input(2).DType == DType.Bool, $"training_mode must be a bool tensor, found {(ctx.HasInput(2) ? DTypes.Name(ctx.Input(2).DType) : "")}");

        var outputs = ImmutableArray.CreateBuilder<TensorInfo>();
        outputs.Add(ctx.Output(0, input.DType, input.Shape));
        if (ctx.Node.Outputs.Length > 1 && ctx.Node.Outputs[1].Length > 0)
        {
            outputs.Add(ctx.Output(1, ctx.Opset is > 0 and < 10 ? input.DType : DType.Bool, input.Shape));
        }
        return new OpResult(outputs.ToImmutable())
        {
            // eval: the input passes through; training (ratio > 0): a new tensor input * mask, and the mask is kept
            ViewOfInput = ratio == 0 ? 0 : null,
            IdentityInInference = true,
            CountsInTextbookSum = false,
            Saved = ratio == 0 ? ImmutableArray<SavedTensor>.Empty : ImmutableArray.Create(SavedTensor.Extra("mask", input.Shape, input.DType) with { IsMask = true }),
        };
    }

    /// <summary>The ratio when statically known; null when it comes from a tensor whose value is unknown.</summary>
    private static double? Ratio(OpContext ctx)
    {
        if (ctx.Opset is > 0 and < 12 || !ctx.HasInput(1))
        {
            return ctx.Attr.Float("ratio", 0.5);
        }
        var r = ctx.Input(1);
        OpContext.Require(r.Shape.IsRanked && r.Shape.Rank == 0, $"ratio must be a scalar, found shape {r.Shape}");
        return r.Value is { Count: 1 } v ? v.AsDoubles().First() : null;
    }
}
