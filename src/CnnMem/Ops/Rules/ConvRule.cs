using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Graphs;
using CnnMem.Ops.Spatial;

namespace CnnMem.Ops.Rules;

/// <summary>
/// Convolution (ONNX Conv; spec <c>conv FILTERS KxK</c>), any number of spatial dims.
/// Shape: [N, C, D1..] -> [N, M, O1..] with O from <see cref="SpatialArithmetic"/>.
/// Params: weight [M, C/groups, K1..] and bias [M] (ONNX: inputs W and B; spec: created here).
/// MACs: N * M * prod(O) * (C/groups) * prod(K).
/// Backward (PyTorch): keeps its input (the weight is held by reference, not copied).
/// </summary>
public sealed class ConvRule : IOpRule
{
    // one shared list (the entries are immutable): a convolution is inferred once per layer of large graphs
    private static readonly ImmutableArray<SavedTensor> KeepsInput = ImmutableArray.Create(SavedTensor.In(0, "input"));

    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("Conv");

    public string Description => "Convolution: kernel, stride, padding (same/valid/explicit, asymmetric), dilation, groups (depthwise), optional bias.";

    public ImmutableArray<SpecSyntax> Spec { get; } = ImmutableArray.Create(new SpecSyntax(
        ImmutableArray.Create("conv", "conv2d"),
        "C",
        ImmutableArray.Create(
            new SpecArg("filters", "filters", SpecArgKind.Int, "number of filters (output channels)", Required: true),
            new SpecArg("kernel", "kernel_shape", SpecArgKind.Size, "kernel size, e.g. 3x3", Required: true)),
        ImmutableArray.Create(
            new SpecArg("stride", "strides", SpecArgKind.Size, "stride S or SxS (default 1)"),
            new SpecArg("pad", "pads", SpecArgKind.Pads, "same, valid, P, PH,PW or T,L,B,R (default valid)"),
            new SpecArg("dilation", "dilations", SpecArgKind.Size, "dilation D or DxD (default 1)"),
            new SpecArg("groups", "group", SpecArgKind.Int, "groups; equal to the input channels for depthwise (default 1)"),
            new SpecArg("bias", "bias", SpecArgKind.Bool, "whether the layer has a bias (default true)"))));

    public OpResult Infer(OpContext ctx)
    {
        var x = ctx.KnownDims(0);
        OpContext.Require(x.Length >= 3, $"expects an input with a batch, a channel and at least one spatial dimension, found shape {ctx.Input(0).Shape}");
        var group = ctx.Attr.Int("group", 1);
        OpContext.Require(group >= 1, $"groups must be at least 1, found {group}");
        var channels = x[1];

        long filters;
        long[]? kernel = null;
        var hasWeight = ctx.HasInput(1);
        if (hasWeight)
        {
            var w = ctx.KnownDims(1);
            OpContext.Require(w.Length == x.Length, $"weight has shape {ctx.Input(1).Shape}, expected rank {x.Length} for input {ctx.Input(0).Shape}");
            filters = w[0];
            kernel = w[2..];
            OpContext.Require(w[1] * group == channels, $"weight expects {w[1]} x {group} groups = {w[1] * group} input channels, but the input has {channels}");
        }
        else
        {
            filters = ctx.Attr.IntOrNull("filters") ?? throw new OpException("needs the number of filters");
        }
        OpContext.Require(filters >= 1, $"the number of filters must be at least 1, found {filters}");
        OpContext.Require(channels % group == 0, $"input channels ({channels}) are not divisible by groups ({group})");
        OpContext.Require(filters % group == 0, $"filters ({filters}) are not divisible by groups ({group})");

        var axes = SpatialArithmetic.Compute(ctx.Attr, x[2..], kernel, ceilMode: false);
        kernel ??= axes.Select(a => a.Kernel).ToArray();
        var outDims = new long[2 + axes.Length];
        outDims[0] = x[0];
        outDims[1] = filters;
        for (var i = 0; i < axes.Length; i++)
        {
            outDims[2 + i] = axes[i].Output;
        }
        var outShape = Shape.Of(outDims);

        var dtype = ctx.Input(0).DType;
        var prms = ImmutableArray.CreateBuilder<ParamSpec>();
        if (!hasWeight)
        {
            prms.Add(new ParamSpec($"{ctx.Node.Name}.weight", Shape.Of(new[] { filters, channels / group }.Concat(kernel).ToArray()), dtype, ParamRole.Weight));
            if (ctx.Attr.Int("bias", 1) != 0)
            {
                prms.Add(new ParamSpec($"{ctx.Node.Name}.bias", Shape.Of(filters), dtype, ParamRole.Bias));
            }
        }
        else if (ctx.HasInput(2))
        {
            var b = ctx.InputShape(2);
            OpContext.Require(b.Rank == 1 && b[0].Value == filters, $"bias has shape {b}, expected {filters}");
        }

        var macs = checked(outShape.Elements!.Value * (channels / group) * kernel.Aggregate(1L, (a, k) => checked(a * k)));
        var warnings = SpatialArithmetic.UnevenWarnings("strided convolution", axes, ceilMode: false, stridedOnly: true);

        return new OpResult(ImmutableArray.Create(ctx.Output(0, dtype, outShape)))
        {
            Params = prms.ToImmutable(),
            Macs = macs,
            Saved = KeepsInput,
            Warnings = warnings,
            Autocast = AutocastClass.LowerPrecision,
            Workspace = WorkspaceKind.Convolution,
            TensorCoreAxis = 1,
        };
    }
}
