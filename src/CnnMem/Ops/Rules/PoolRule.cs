using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Ops.Spatial;

namespace CnnMem.Ops.Rules;

/// <summary>
/// Windowed pooling (ONNX MaxPool and AveragePool; spec <c>maxpool KxK</c>, <c>avgpool KxK</c>), any number of spatial dims.
/// 1. Validate the [N, C, D1, ...] input and the pool-only attributes (ceil_mode, count_include_pad, storage_order).
/// 2. Window sizes from <see cref="SpatialArithmetic"/> (strides default 1 in ONNX; the spec defaults them to the kernel).
/// 3. Output [N, C, O1, ...]; MaxPool's optional second output, Indices, is int64 of the same shape.
/// 4. Cost: no MACs; OtherFlops = out_numel * prod(K) (compares for max, adds and the divide for average).
/// 5. Backward (PyTorch): both keep their input; MaxPool also keeps int64 indices with the output's shape.
/// A warning names any axis whose windows do not tile the input (25 rows, 2x2 pool: 12 in floor mode, 13 in ceil mode).
/// </summary>
internal sealed class PoolRule : IOpRule
{
    // shared by every average pool (the list is immutable)
    private static readonly ImmutableArray<SavedTensor> KeepsInput = ImmutableArray.Create(SavedTensor.In(0, "input"));

    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("MaxPool", "AveragePool");

    public ImmutableArray<OpShortName> ShortNames { get; } = [new("AveragePool", "AvgPool")];

    public string Description => "Max and average pooling: kernel, stride, padding (same/valid/explicit, asymmetric), dilation (max), ceil or floor mode.";

    public ImmutableArray<SpecSyntax> Spec { get; } = ImmutableArray.Create(
        new SpecSyntax(ImmutableArray.Create("maxpool", "maxpool2d"), "P", Positional, CommonOptions.Add(
            new SpecArg("dilation", "dilations", SpecArgKind.Size, "dilation D or DxD (default 1)"))) { Op = "MaxPool" },
        new SpecSyntax(ImmutableArray.Create("avgpool", "avgpool2d", "averagepool"), "P", Positional, CommonOptions.Add(
            new SpecArg("count_pad", "count_include_pad", SpecArgKind.Bool, "whether padded zeros count in the average (default false)"))) { Op = "AveragePool" });

    private static ImmutableArray<SpecArg> Positional => ImmutableArray.Create(
        new SpecArg("kernel", "kernel_shape", SpecArgKind.Size, "window size, e.g. 2x2", Required: true));

    private static ImmutableArray<SpecArg> CommonOptions => ImmutableArray.Create(
        new SpecArg("stride", "strides", SpecArgKind.Size, "stride S or SxS (default: the kernel size)", DefaultFrom: "kernel"),
        new SpecArg("pad", "pads", SpecArgKind.Pads, "same, valid, P, PH,PW or T,L,B,R (default valid)"),
        new SpecArg("ceil", "ceil_mode", SpecArgKind.Bool, "round the output size up instead of down (default false)"));

    public OpResult Infer(OpContext ctx)
    {
        var isMax = ctx.Node.Op == "MaxPool";
        // the sizes stay on the stack: pools are inferred once per layer of large graphs
        Span<long> xBuffer = stackalloc long[8];
        var x = SpatialInput.Dims(ctx, xBuffer);
        var ceil = SpatialInput.Flag(ctx.Attr, "ceil_mode", false);
        if (isMax)
        {
            _ = SpatialInput.Flag(ctx.Attr, "storage_order", false);
        }
        else
        {
            _ = SpatialInput.Flag(ctx.Attr, "count_include_pad", false);
            OpContext.Require(!ctx.Attr.Has("dilations") || ctx.Attr.Ints("dilations")!.Value.All(d => d == 1) || ctx.Opset is 0 or >= 19,
                "AveragePool accepts dilations only from opset 19; remove them or raise the opset");
        }

        var rank = x.Length - 2;
        var axes = rank <= 8 ? stackalloc AxisWindow[rank] : new AxisWindow[rank];
        SpatialArithmetic.Compute(ctx.Attr, x[2..], default, kernelGiven: false, ceil, axes);
        var outDims = new Dim[2 + rank];
        outDims[0] = x[0];
        outDims[1] = x[1];
        long window = 1;
        for (var i = 0; i < rank; i++)
        {
            outDims[2 + i] = axes[i].Output;
            window = checked(window * axes[i].Kernel);
        }
        var outShape = Shape.Own(outDims);
        var dtype = ctx.Input(0).DType;
        OpContext.Require(DTypes.IsFloat(dtype) || (isMax && DTypes.IsInteger(dtype)), $"expects a floating point input{(isMax ? " (or 8-bit integers)" : "")}, found {DTypes.Name(dtype)}");

        var hasIndicesOutput = isMax && ctx.Node.Outputs.Length > 1 && ctx.Node.Outputs[1].Length > 0;
        var outputs = hasIndicesOutput
            ? ImmutableArray.Create(ctx.Output(0, dtype, outShape), ctx.Output(1, DType.Int64, outShape))
            : ImmutableArray.Create(ctx.Output(0, dtype, outShape));

        // PyTorch's max_pool2d_with_indices keeps the argmax positions as int64; an ONNX graph that asks for them has them as output 1.
        var saved = !isMax ? KeepsInput
            : ImmutableArray.Create(SavedTensor.In(0, "input"), hasIndicesOutput ? SavedTensor.Out(1, "indices") : SavedTensor.Extra("indices", outShape, DType.Int64));

        var what = isMax ? "max pooling" : "average pooling";
        return new OpResult(outputs)
        {
            OtherFlops = checked(outShape.Elements!.Value * window),
            Saved = saved,
            Warnings = SpatialArithmetic.UnevenWarnings(what, axes, ceil),
            Workspace = isMax ? WorkspaceKind.PoolingIndices : WorkspaceKind.None,
        };
    }
}
