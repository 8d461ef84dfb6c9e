using System.Collections.Immutable;
using System.Globalization;
using CnnMem.Core;
using CnnMem.Graphs;
using CnnMem.Ops;

namespace CnnMem.Tests.Ops;

/// <summary>Builds one-node contexts for element-wise rule tests from short strings.</summary>
internal static class ElementwiseTestKit
{
    /// <summary><c>2x3</c>; <c>?</c> is an unknown dim, a word is a symbol; <c>scalar</c> is rank 0.</summary>
    public static Shape Parse(string s) => s == "scalar"
        ? Shape.Scalar
        : new Shape(s.Split('x').Select(d => d == "?" ? Dim.Unknown : long.TryParse(d, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? Dim.Of(v) : Dim.Sym(d)));

    public static TensorInfo T(string name, string shape, DType dtype = DType.Float32) => new(name, dtype, Parse(shape));

    /// <summary>A 1-D (or given shape) integer tensor with known contents.</summary>
    public static TensorInfo Ints(string name, long[] values, string? shape = null, DType dtype = DType.Int64)
    {
        var s = shape is null ? Shape.Of(values.Length) : Parse(shape);
        return new TensorInfo(name, dtype, s, TensorValue.FromInts(dtype, s, values));
    }

    public static TensorInfo Reals(string name, double[] values, string? shape = null, DType dtype = DType.Float32)
    {
        var s = shape is null ? Shape.Of(values.Length) : Parse(shape);
        return new TensorInfo(name, dtype, s, TensorValue.FromReals(dtype, s, values));
    }

    public static OpContext Ctx(string op, IReadOnlyList<TensorInfo?> inputs, Attributes? attrs = null, long opset = 0, string domain = "")
    {
        var node = new Node(
            "n",
            op,
            inputs.Select(i => i?.Name ?? "").ToImmutableArray(),
            ImmutableArray.Create("y"),
            attrs ?? Attributes.Empty,
            domain);
        return new OpContext(node, inputs, opset);
    }

    public static OpResult Run(IOpRule rule, string op, params TensorInfo?[] inputs) => rule.Infer(Ctx(op, inputs));

    public static Attributes Attr(string name, long value) => Attributes.From((name, AttrValue.Of(value)));
}
