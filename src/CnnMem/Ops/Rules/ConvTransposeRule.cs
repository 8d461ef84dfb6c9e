using System.Collections.Immutable;
using CnnMem.Graphs;
using CnnMem.Ops.Spatial;

namespace CnnMem.Ops.Rules;

/// <summary>
/// Transposed convolution (ONNX ConvTranspose; spec <c>deconv FILTERS KxK</c>, <c>convtranspose</c>), any number of spatial dims.
/// 1. Input [N, C, D1, ...]; weight [C, M/group, K1, ...] (ONNX input W; spec: created here with M = FILTERS), bias [M].
/// 2. Output [N, M, O1, ...] with O from <see cref="TransposedArithmetic"/> (stride, pads, output_padding, dilation,
///    output_shape, auto_pad).
/// 3. MACs: every input element is multiplied into a (M/group) x prod(K) patch: N * C * prod(D) * (M/group) * prod(K).
/// 4. Backward (PyTorch): keeps its input (the weight is held by reference).
/// </summary>
internal sealed class ConvTransposeRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("ConvTranspose");

    public string Description => "Transposed convolution: kernel, stride, padding, output_padding, output_shape, dilation, groups, optional bias.";

    public ImmutableArray<SpecSyntax> Spec { get; } = ImmutableArray.Create(new SpecSyntax(
        ImmutableArray.Create("deconv", "convtranspose", "convtranspose2d"),
        "D",
        ImmutableArray.Create(
            new SpecArg("filters", "filters", SpecArgKind.Int, "number of filters (output channels)", Required: true),
            new SpecArg("kernel", "kernel_shape", SpecArgKind.Size, "kernel size, e.g. 4x4", Required: true)),
        ImmutableArray.Create(
            new SpecArg("stride", "strides", SpecArgKind.Size, "stride S or SxS (default 1)"),
            new SpecArg("pad", "pads", SpecArgKind.Pads, "same (output = input x stride), valid, P, PH,PW or T,L,B,R (default 0)"),
            new SpecArg("output_padding", "output_padding", SpecArgKind.Size, "extra rows/columns at the end, smaller than the stride (default 0)"),
            new SpecArg("dilation", "dilations", SpecArgKind.Size, "dilation D or DxD (default 1)"),
            new SpecArg("groups", "group", SpecArgKind.Int, "groups (default 1)"),
            new SpecArg("bias", "bias", SpecArgKind.Bool, "whether the layer has a bias (default true)"))));

    public OpResult Infer(OpContext ctx)
    {
        var x = SpatialInput.Dims(ctx);
        var group = ctx.Attr.Int("group", 1);
        OpContext.Require(group >= 1, $"groups must be at least 1, found {group}");
        var channels = x[1];
        OpContext.Require(channels % group == 0, $"input channels ({channels}) are not divisible by groups ({group})");

        long filters;
        long[] kernel;
        var hasWeight = ctx.HasInput(1);
        if (hasWeight)
        {
            var w = ctx.KnownDims(1);
            OpContext.Require(w.Length == x.Length, $"weight has shape {ctx.Input(1).Shape}, expected rank {x.Length} ([C, M/group, K...]) for input {ctx.Input(0).Shape}");
            OpContext.Require(w[0] == channels, $"weight has {w[0]} input channels (its first dim) but the input has {channels}");
            filters = checked(w[1] * group);
            kernel = w[2..];
            if (ctx.Attr.Ints("kernel_shape") is { } ks)
            {
                OpContext.Require(ks.SequenceEqual(kernel), $"kernel_shape [{string.Join(",", ks)}] does not match the weight's kernel [{string.Join(",", kernel)}]");
            }
        }
        else
        {
            filters = ctx.Attr.IntOrNull("filters") ?? throw new OpException("needs the number of filters");
            kernel = ctx.Attr.Ints("kernel_shape")?.ToArray() ?? throw new OpException("needs attribute 'kernel_shape'");
            OpContext.Require(kernel.Length == x.Length - 2, $"kernel_shape has {kernel.Length} values but the input has {x.Length - 2} spatial dimensions");
        }
        OpContext.Require(filters >= 1, $"the number of filters must be at least 1, found {filters}");
        OpContext.Require(filters % group == 0, $"filters ({filters}) are not divisible by groups ({group})");

        var spatialOut = TransposedArithmetic.Outputs(ctx.Attr, x[2..], kernel);
        var outShape = Shape.Of(new[] { x[0], filters }.Concat(spatialOut).ToArray());
        var dtype = ctx.Input(0).DType;
        var prms = ImmutableArray.CreateBuilder<ParamSpec>();
        if (!hasWeight)
        {
            prms.Add(new ParamSpec($"{ctx.Node.Name}.weight", Shape.Of(new[] { channels, filters / group }.Concat(kernel).ToArray()), dtype, ParamRole.Weight));
            if (SpatialInput.Flag(ctx.Attr, "bias", true))
            {
                prms.Add(new ParamSpec($"{ctx.Node.Name}.bias", Shape.Of(filters), dtype, ParamRole.Bias));
            }
        }
        else if (ctx.HasInput(2))
        {
            var b = ctx.InputShape(2);
            OpContext.Require(b.Rank == 1 && b[0].Value == filters, $"bias has shape {b}, expected {filters}");
        }

        return ctx.Single(dtype, outShape) with
        {
            Params = prms.ToImmutable(),
            Macs = checked(SpatialInput.Product(x) * (filters / group) * SpatialInput.Product(kernel)),
            Saved = ImmutableArray.Create(SavedTensor.In(0, "input")),
            Autocast = AutocastClass.LowerPrecision,
            TensorCoreAxis = 1,
        };
    }
}
