using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Graphs;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>
/// ONNX Constant: a tensor from one of its attributes (<c>value</c>, <c>value_float(s)</c>,
/// <c>value_int(s)</c>, <c>value_string(s)</c>). Its value is kept when small, so shape constants flow on.
/// <c>sparse_value</c> is refused with a clear error. A constant is not a learned parameter.
/// </summary>
internal sealed class ConstantRule : IOpRule
{
    public ImmutableArray<string> OpTypes { get; } = ImmutableArray.Create("Constant");

    public string Description => "A constant tensor (shape constants, axes, scales).";

    public OpResult Infer(OpContext ctx)
    {
        var a = ctx.Attr;
        OpContext.Require(!a.Has("sparse_value"), "has a 'sparse_value'; sparse constants are not supported (expected 'value' or one of value_float(s), value_int(s), value_string(s))");
        TensorInfo result;
        if (a.Tensor("value") is { } t)
        {
            result = ctx.Output(0, t.DType, t.Shape, t.Value);
        }
        else if (a.Values.TryGetValue("value_float", out var vf))
        {
            var f = vf.Kind == AttrKind.Int ? vf.Int : a.Float("value_float", 0);
            result = ctx.Output(0, DType.Float32, Shape.Scalar, TensorValue.FromReals(DType.Float32, Shape.Scalar, new[] { f }));
        }
        else if (a.Floats("value_floats") is { } fs)
        {
            var shape = Shape.Of((long)fs.Length);
            result = ctx.Output(0, DType.Float32, shape, ValueOps.Value(DType.Float32, shape, fs));
        }
        else if (a.IntOrNull("value_int") is { } i)
        {
            result = ctx.Output(0, DType.Int64, Shape.Scalar, TensorValue.FromInts(DType.Int64, Shape.Scalar, new[] { i }));
        }
        else if (a.Ints("value_ints") is { } ints)
        {
            var shape = Shape.Of((long)ints.Length);
            result = ctx.Output(0, DType.Int64, shape, ValueOps.IntValue(DType.Int64, shape, ints));
        }
        else if (a.Has("value_string"))
        {
            result = ctx.Output(0, DType.String, Shape.Scalar);
        }
        else if (a.Strings("value_strings") is { } ss)
        {
            result = ctx.Output(0, DType.String, Shape.Of((long)ss.Length));
        }
        else
        {
            throw new OpException($"needs one of the attributes value, value_float(s), value_int(s), value_string(s); found {(a.Values.IsEmpty ? "none" : string.Join(", ", a.Values.Keys))}");
        }
        return new OpResult(ImmutableArray.Create(result)) { CountsInTextbookSum = false, IsConstant = true };
    }
}
