using System.Collections.Immutable;
using CnnMem.Graphs;
using CnnMem.Ops.Spatial;

namespace CnnMem.Ops.Rules;

/// <summary>
/// Convolution (ONNX Conv; spec <c>conv FILTERS KxK</c>), any number of spatial dims.
/// Shape: [N, C, D1..] -> [N, M, O1..] with O from <see cref="SpatialArithmetic"/>.
/// Params: weight [M, C/groups, K1..] and bias [M] (ONNX: inputs W and B; spec: created here).
/// Depthwise without a known channel count (Keras): <c>depth_multiplier</c> D makes groups = C and M = C x D.
/// MACs: N * M * prod(O) * (C/groups) * prod(K).
/// Backward (PyTorch): keeps its input (the weight is held by reference, not copied).
/// Declares its resolved geometry (<see cref="ConvGeometry"/>) for the workspace models.
/// </summary>
internal sealed class ConvRule : IOpRule
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
        // the sizes stay on the stack: a convolution is inferred once per layer of large graphs
        Span<long> xBuffer = stackalloc long[8], wBuffer = stackalloc long[8];
        var x = ctx.KnownDims(0, xBuffer);
        OpContext.Require(x.Length >= 3, $"expects an input with a batch, a channel and at least one spatial dimension, found shape {ctx.Input(0).Shape}");
        var channels = x[1];
        // A depthwise convolution whose channel count the importer cannot know (Keras's DepthwiseConv2D): one group per input channel.
        var multiplier = ctx.Attr.IntOrNull("depth_multiplier");
        OpContext.Require(multiplier is null or >= 1, $"depth_multiplier must be at least 1, found {multiplier}");
        var group = multiplier is null ? ctx.Attr.Int("group", 1) : channels;
        OpContext.Require(group >= 1, $"groups must be at least 1, found {group}");

        long filters;
        scoped ReadOnlySpan<long> weightKernel = default;
        var hasWeight = ctx.HasInput(1);
        if (hasWeight)
        {
            var w = ctx.KnownDims(1, wBuffer);
            OpContext.Require(w.Length == x.Length, $"weight has shape {ctx.Input(1).Shape}, expected rank {x.Length} for input {ctx.Input(0).Shape}");
            filters = w[0];
            weightKernel = w[2..];
            OpContext.Require(w[1] * group == channels, $"weight expects {w[1]} x {group} groups = {w[1] * group} input channels, but the input has {channels}");
        }
        else
        {
            filters = multiplier is { } m ? checked(channels * m) : ctx.Attr.IntOrNull("filters") ?? throw new OpException("needs the number of filters");
        }
        OpContext.Require(filters >= 1, $"the number of filters must be at least 1, found {filters}");
        OpContext.Require(channels % group == 0, $"input channels ({channels}) are not divisible by groups ({group})");
        OpContext.Require(filters % group == 0, $"filters ({filters}) are not divisible by groups ({group})");

        var rank = x.Length - 2;
        var axes = rank <= 8 ? stackalloc AxisWindow[rank] : new AxisWindow[rank];
        SpatialArithmetic.Compute(ctx.Attr, x[2..], weightKernel, hasWeight, ceilMode: false, axes);
        var outShape = OutputShape(ctx.Input(0).Shape, x, filters, axes);

        var dtype = ctx.Input(0).DType;
        var prms = OwnParams(ctx, hasWeight, filters, channels / group, axes, dtype);
        var macs = checked(outShape.Elements!.Value * (channels / group) * Window(axes));
        var warnings = SpatialArithmetic.UnevenWarnings("strided convolution", axes, ceilMode: false, stridedOnly: true);

        return new OpResult(ImmutableArray.Create(ctx.Output(0, dtype, outShape)))
        {
            Params = prms,
            Macs = macs,
            Saved = KeepsInput,
            Warnings = warnings,
            Autocast = AutocastClass.LowerPrecision,
            Workspace = WorkspaceKind.Convolution,
            Conv = Geometry(axes, group, channels, filters),
            TensorCoreAxis = 1,
        };
    }

    /// <summary>
    /// A layer from a text spec or Keras has no weight input: the rule declares its weight (filters, channels per group,
    /// kernel) and, unless <c>bias=false</c>, its bias. With a weight input the bias input, when given, must match.
    /// </summary>
    private static ImmutableArray<ParamSpec> OwnParams(OpContext ctx, bool hasWeight, long filters, long perGroup, ReadOnlySpan<AxisWindow> axes, DType dtype)
    {
        if (hasWeight)
        {
            if (ctx.HasInput(2))
            {
                var b = ctx.InputShape(2);
                OpContext.Require(b.Rank == 1 && b[0].Value == filters, $"bias has shape {b}, expected {filters}");
            }
            return ImmutableArray<ParamSpec>.Empty;
        }
        var weight = new long[2 + axes.Length];
        weight[0] = filters;
        weight[1] = perGroup;
        for (var i = 0; i < axes.Length; i++)
        {
            weight[2 + i] = axes[i].Kernel;
        }
        var spec = new ParamSpec($"{ctx.Node.Name}.weight", Shape.Of(weight), dtype, ParamRole.Weight);
        return ctx.Attr.Int("bias", 1) != 0
            ? ImmutableArray.Create(spec, new ParamSpec($"{ctx.Node.Name}.bias", Shape.Of(filters), dtype, ParamRole.Bias))
            : ImmutableArray.Create(spec);
    }

    /// <summary>The kernel's window: the product of its sizes.</summary>
    private static long Window(ReadOnlySpan<AxisWindow> axes)
    {
        long window = 1;
        foreach (var a in axes)
        {
            window = checked(window * a.Kernel);
        }
        return window;
    }

    /// <summary>The geometry the memory models read (cuDNN's workspace table, the CPU kernels' choice): one array per attribute.</summary>
    private static ConvGeometry Geometry(ReadOnlySpan<AxisWindow> axes, long groups, long channels, long filters)
    {
        Span<long> kernel = stackalloc long[axes.Length], strides = stackalloc long[axes.Length], dilations = stackalloc long[axes.Length];
        for (var i = 0; i < axes.Length; i++)
        {
            (kernel[i], strides[i], dilations[i]) = (axes[i].Kernel, axes[i].Stride, axes[i].Dilation);
        }
        return new ConvGeometry(Shared(kernel), Shared(strides), Shared(dilations), groups, channels, filters);
    }

    // the common arrays (the same size on every axis, up to 7, up to 3 axes) made once: one geometry per convolution of large graphs
    private static readonly ImmutableArray<long>[,] Uniform = MakeUniform();

    private static ImmutableArray<long>[,] MakeUniform()
    {
        var table = new ImmutableArray<long>[4, 8];
        for (var rank = 0; rank < 4; rank++)
        {
            for (var v = 0; v < 8; v++)
            {
                table[rank, v] = Enumerable.Repeat((long)v, rank).ToImmutableArray();
            }
        }
        return table;
    }

    private static ImmutableArray<long> Shared(ReadOnlySpan<long> values)
    {
        var same = values.Length < 4 && (values.Length == 0 || values[0] is >= 0 and < 8);
        for (var i = 1; same && i < values.Length; i++)
        {
            same = values[i] == values[0];
        }
        return same ? Uniform[values.Length, values.Length == 0 ? 0 : values[0]] : values.ToImmutableArray();
    }

    /// <summary>
    /// [N, M, O1, ...]: the input's own shape object when the convolution keeps it (as many filters as channels, same
    /// padding: most convolutions of a residual network), otherwise a new one.
    /// </summary>
    private static Shape OutputShape(Shape input, ReadOnlySpan<long> x, long filters, ReadOnlySpan<AxisWindow> axes)
    {
        var same = filters == x[1];
        for (var i = 0; same && i < axes.Length; i++)
        {
            same = axes[i].Output == x[2 + i];
        }
        if (same)
        {
            return input;
        }
        var dims = new Dim[2 + axes.Length];
        dims[0] = x[0];
        dims[1] = filters;
        for (var i = 0; i < axes.Length; i++)
        {
            dims[2 + i] = axes[i].Output;
        }
        return Shape.Own(dims);
    }
}
