using System.Collections.Immutable;
using CnnMem.Core;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>
/// ONNX Cast (to = ONNX data type; a string name in opset 1-5) and CastLike (the dtype of input 1).
/// Same shape; a known value is converted (float to int truncates, to bool is "non-zero").
/// </summary>
internal sealed class CastRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("Cast", "CastLike");

    public string Description => "Convert the element type.";

    public OpResult Infer(OpContext ctx)
    {
        var x = ctx.Input(0);
        var to = ctx.Node.Op == "CastLike" ? ctx.Input(1).DType : Target(ctx);
        return ctx.Single(to, ctx.InputShape(0), Convert(x.Value, to)) with { CountsInTextbookSum = false };
    }

    private static DType Target(OpContext ctx)
    {
        if (ctx.Attr.Values.TryGetValue("to", out var v) && v.Kind == Graphs.AttrKind.String)
        {
            // Opset 1-5 names the type ("FLOAT", "INT64").
            var name = v.Str.ToUpperInvariant() switch { "FLOAT" => "float32", "DOUBLE" => "float64", "FLOAT16" => "float16", var n => n };
            return DTypes.TryParse(name, out var t) ? t : throw new Graphs.OpException($"'to' names type '{v.Str}', which is not a known data type");
        }
        var code = ctx.Attr.IntOrNull("to") ?? throw new Graphs.OpException("needs the 'to' attribute (the target data type)");
        return OnnxDataTypes.FromCode(code);
    }

    /// <summary>A known value converted to <paramref name="to"/>, following C casts (truncation) and bool = non-zero.</summary>
    public static TensorValue? Convert(TensorValue? v, DType to)
    {
        if (v is null || to == DType.String || v.DType == DType.String)
        {
            return null;
        }
        if (to == DType.Bool)
        {
            return TensorValue.FromInts(to, v.Shape, v.AsDoubles().Select(d => d != 0 ? 1L : 0L));
        }
        if (DTypes.IsFloat(to))
        {
            return TensorValue.FromReals(to, v.Shape, v.AsDoubles());
        }
        if (v.Reals is { } r && r.Any(d => double.IsNaN(d) || double.IsInfinity(d) || Math.Abs(d) > 9e18))
        {
            return null;
        }
        return TensorValue.FromInts(to, v.Shape, v.AsLongs());
    }
}
