using System.Collections.Immutable;
using CnnMem.Graphs;
using CnnMem.Ops.Spatial;

namespace CnnMem.Ops.Rules;

/// <summary>
/// Adaptive average pooling (cnnmem's own op, PyTorch's AdaptiveAvgPool2d; spec <c>adaptiveavgpool HxW</c>, attribute <c>output_size</c>).
/// 1. Shape: [N, C, D1, ...] -> [N, C, O1, ...]; one output size broadcasts to every spatial axis.
/// 2. Bins as PyTorch cuts them: output cell i of an axis reads [floor(i*D/O), ceil((i+1)*D/O)), so bins may overlap
///    (and the output may be larger than the input).
/// 3. Cost: no MACs; OtherFlops = N * C * prod over axes of the summed bin lengths (the adds and the divide per cell).
/// 4. Backward (PyTorch): keeps its input.
/// </summary>
internal sealed class AdaptiveAvgPoolRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("AdaptiveAvgPool");

    public string Domain => "cnnmem";

    public string Description => "Adaptive average pooling to a fixed output size (PyTorch's AdaptiveAvgPool2d bins).";

    public ImmutableArray<SpecSyntax> Spec { get; } = ImmutableArray.Create(new SpecSyntax(
        ImmutableArray.Create("adaptiveavgpool", "adaptiveavgpool2d"),
        "P",
        ImmutableArray.Create(new SpecArg("size", "output_size", SpecArgKind.Size, "output size, e.g. 7x7 (or 1 for global pooling)", Required: true)),
        ImmutableArray<SpecArg>.Empty));

    public OpResult Infer(OpContext ctx)
    {
        var x = SpatialInput.Dims(ctx);
        var spatial = x[2..];
        var size = ctx.Attr.Ints("output_size") ?? throw new OpException("needs attribute 'output_size' (the output's spatial size)");
        OpContext.Require(size.Length == spatial.Length || size.Length == 1,
            $"output_size has {size.Length} values but the input has {spatial.Length} spatial dimensions");
        var outSpatial = size.Length == 1 ? Enumerable.Repeat(size[0], spatial.Length).ToArray() : size.ToArray();
        OpContext.Require(outSpatial.All(o => o >= 1), $"output_size must be at least 1 on every axis, found [{string.Join(",", outSpatial)}]");

        var cells = x[0] * x[1];
        var reads = checked(cells * SpatialInput.Product(spatial.Select((d, i) => BinSum(d, outSpatial[i]))));
        var outShape = Shape.Of(x[..2].Concat(outSpatial).ToArray());
        return ctx.Single(ctx.Input(0).DType, outShape) with
        {
            OtherFlops = reads,
            Saved = ImmutableArray.Create(SavedTensor.In(0, "input")),
        };
    }

    /// <summary>Total length of the <paramref name="output"/> bins PyTorch cuts from an axis of length <paramref name="input"/>.</summary>
    public static long BinSum(long input, long output)
    {
        long sum = 0;
        for (long i = 0; i < output; i++)
        {
            var start = checked(i * input) / output;
            var end = (checked(((i + 1) * input) + output) - 1) / output;
            sum = checked(sum + end - start);
        }
        return sum;
    }
}
