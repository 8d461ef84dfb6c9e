using System.Collections.Immutable;
using CnnMem.Ops.Elementwise;

namespace CnnMem.Ops.Rules;

/// <summary>
/// Parametric ReLU (ONNX PRelu; spec <c>prelu</c>): max(0, x) + slope * min(0, x).
/// Shape and type: the input's. Params: ONNX's slope input (an initializer, charged by the engine),
/// which must broadcast to X one way; a spec layer creates one slope per channel, [C].
/// Backward (PyTorch _prelu_kernel): keeps its input (and the weight, by reference); no in-place variant.
/// </summary>
internal sealed class PReluRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("PRelu");

    public string Description => "Parametric ReLU with a learned slope per channel (or any shape that broadcasts to the input).";

    public ImmutableArray<SpecSyntax> Spec { get; } = ImmutableArray.Create(
        new SpecSyntax(ImmutableArray.Create("prelu"), "prelu", ImmutableArray<SpecArg>.Empty, ImmutableArray<SpecArg>.Empty));

    public OpResult Infer(OpContext ctx)
    {
        var x = ctx.Input(0);
        UnaryElementwise.RequireNumeric(x);
        var prms = ImmutableArray<ParamSpec>.Empty;
        if (ctx.HasInput(1))
        {
            OpContext.Require(ctx.InputCount == 2, $"expects 2 inputs (X and slope), found {ctx.InputCount}");
            ElementwiseTypes.Common(ctx);
            Broadcasting.RequireUnidirectional(x.Shape, ctx.Input(1).Shape, "the slope");
        }
        else
        {
            OpContext.Require(ctx.InputCount == 1, $"expects 1 input in a spec (the slope is created), found {ctx.InputCount}");
            var shape = ctx.InputShape(0);
            OpContext.Require(shape.Rank >= 2, $"expects an input with a batch and a channel dimension, found shape {shape}");
            OpContext.Require(shape[1].IsKnown, $"needs a known channel count to size its slopes, found shape {shape}");
            prms = ImmutableArray.Create(new ParamSpec($"{ctx.Node.Name}.weight", Shape.Of(shape[1].Value!.Value), x.DType, ParamRole.Weight));
        }
        return UnaryElementwise.Result(ctx, x.DType, BackwardKeeps.Input, flopsPerElement: 2, inPlace: false) with { Params = prms };
    }
}
