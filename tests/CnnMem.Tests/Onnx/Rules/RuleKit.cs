using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Graphs;
using CnnMem.Ops;

namespace CnnMem.Tests.Onnx.Rules;

/// <summary>Builds one-node contexts for ONNX rule tests: tensors from "2x3x4" text, optional known values.</summary>
internal static class RuleKit
{
    public static Shape ParseShape(string text) =>
        text == "scalar" ? Shape.Scalar : new Shape(text.Split('x').Select(p => p == "?" ? Dim.Unknown : Dim.Of(long.Parse(p, System.Globalization.CultureInfo.InvariantCulture))));

    public static TensorInfo T(string name, string shape, DType dtype = DType.Float32) => new(name, dtype, ParseShape(shape));

    /// <summary>A 1-D int64 tensor with a known value.</summary>
    public static TensorInfo Ints(string name, params long[] values) =>
        new(name, DType.Int64, Shape.Of((long)values.Length), TensorValue.FromInts(DType.Int64, Shape.Of((long)values.Length), values));

    /// <summary>An int64 scalar with a known value.</summary>
    public static TensorInfo Scalar(string name, long value) =>
        new(name, DType.Int64, Shape.Scalar, TensorValue.FromInts(DType.Int64, Shape.Scalar, new[] { value }));

    /// <summary>A 1-D float tensor with a known value.</summary>
    public static TensorInfo Floats(string name, params double[] values) =>
        new(name, DType.Float32, Shape.Of((long)values.Length), TensorValue.FromReals(DType.Float32, Shape.Of((long)values.Length), values));

    /// <summary>A 1-D int64 tensor of <paramref name="length"/> whose value is only known at run time.</summary>
    public static TensorInfo RuntimeInts(string name, long length) => new(name, DType.Int64, Shape.Of(length));

    public static OpResult Run(IOpRule rule, string op, Attributes attrs, long opset, params TensorInfo?[] inputs) => Run(rule, op, attrs, opset, 1, inputs);

    public static OpResult Run(IOpRule rule, string op, Attributes attrs, long opset, int outputs, params TensorInfo?[] inputs)
    {
        var node = new Node("n", op,
            inputs.Select(i => i?.Name ?? "").ToImmutableArray(),
            Enumerable.Range(0, outputs).Select(i => $"y{i}").ToImmutableArray(),
            attrs);
        return rule.Infer(new OpContext(node, inputs, opset));
    }

    public static Attributes A(params (string Name, AttrValue Value)[] items) => Attributes.From(items);

    public static AttrValue L(params long[] v) => AttrValue.Of(v);
}
