using System.Collections.Immutable;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>
/// ONNX Unique: Y (unique values or slices along <c>axis</c>), indices, inverse_indices, counts. The
/// number of unique entries depends on the data (unknown); inverse_indices has one entry per input
/// element (no axis) or per slice along the axis.
/// </summary>
internal sealed class UniqueRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("Unique");

    public string Description => "Unique values or slices (data-dependent count).";

    public OpResult Infer(OpContext ctx)
    {
        var x = ctx.Input(0);
        var s = ctx.InputShape(0);
        Shape y;
        Dim inverse;
        if (ctx.Attr.IntOrNull("axis") is { } a)
        {
            var axis = ValueOps.Axis(a, s.Rank);
            y = s.With(axis, Dim.Unknown);
            inverse = s[axis];
        }
        else
        {
            y = Shape.Of(Dim.Unknown);
            inverse = s.Elements is { } n ? Dim.Of(n) : Dim.Unknown;
        }
        var shapes = new[] { (x.DType, y), (DType.Int64, Shape.Of(Dim.Unknown)), (DType.Int64, Shape.Of(inverse)), (DType.Int64, Shape.Of(Dim.Unknown)) };
        var outputs = Enumerable.Range(0, ctx.Node.Outputs.Length)
            .Where(i => i < shapes.Length && ctx.Node.Outputs[i].Length > 0)
            .Select(i => ctx.Output(i, shapes[i].Item1, shapes[i].Item2))
            .ToImmutableArray();
        return new OpResult(outputs) { CountsInTextbookSum = false };
    }
}
