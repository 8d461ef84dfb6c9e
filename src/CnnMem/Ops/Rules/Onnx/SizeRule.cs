using System.Collections.Immutable;
using CnnMem.Core;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>ONNX Size: the number of elements as an int64 scalar (value known when the shape is).</summary>
internal sealed class SizeRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("Size");

    public string Description => "Number of elements of a tensor as an int64 scalar.";

    public OpResult Infer(OpContext ctx)
    {
        var n = ctx.InputShape(0).Elements;
        var value = n is { } v ? TensorValue.FromInts(DType.Int64, Shape.Scalar, new[] { v }) : null;
        return ctx.Single(DType.Int64, Shape.Scalar, value) with { CountsInTextbookSum = false };
    }
}
