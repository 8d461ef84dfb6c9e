using System.Collections.Immutable;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>
/// ONNX MaxUnpool(X, I, output_shape?): the given output_shape (input 2's value), else per spatial axis
/// (in - 1) * stride + kernel - pad_begin - pad_end.
/// </summary>
internal sealed class MaxUnpoolRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("MaxUnpool");

    public string Description => "Partial inverse of max pooling (scatter maxima back by index).";

    public OpResult Infer(OpContext ctx)
    {
        var x = ctx.Input(0);
        var s = ctx.InputShape(0);
        if (ctx.HasInput(2))
        {
            var given = ValueOps.Ints(ctx, 2);
            var len = ValueOps.Length(ctx, 2);
            var shape = given is not null ? Shape.Of(given) : len is { } l ? ValueOps.Unknown((int)l) : Shape.Unranked;
            return ctx.Single(x.DType, shape);
        }
        var kernel = ctx.Attr.Ints("kernel_shape") ?? throw new Graphs.OpException("needs 'kernel_shape'");
        var spatial = s.Rank - 2;
        OpContext.Require(kernel.Length == spatial, $"kernel_shape has {kernel.Length} values, expected {spatial} for input {s}");
        var strides = ctx.Attr.Ints("strides") ?? Enumerable.Repeat(1L, spatial).ToImmutableArray();
        var pads = ctx.Attr.Ints("pads") ?? Enumerable.Repeat(0L, 2 * spatial).ToImmutableArray();
        var dims = s.Dims.ToArray();
        for (var i = 0; i < spatial; i++)
        {
            dims[i + 2] = s[i + 2].Value is { } d ? Dim.Of(checked((d - 1) * strides[i] + kernel[i] - pads[i] - pads[i + spatial])) : Dim.Unknown;
        }
        return ctx.Single(x.DType, new Shape(dims));
    }
}
