using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Graphs;
using CnnMem.Ops;

namespace CnnMem.Tests.Ops;

/// <summary>Builds one-node cases for the layer rule tests: tensors from "1x3x50x50" strings, attributes from pairs.</summary>
internal static class LayerRuleHarness
{
    public static TensorInfo T(string name, string shape, DType dtype = DType.Float32) =>
        new(name, dtype, shape.Length == 0 ? Shape.Scalar : Shape.Of(shape.Split('x').Select(long.Parse).ToArray()));

    public static long[] Longs(string csv) => csv.Split(',').Select(long.Parse).ToArray();

    /// <summary>Runs <paramref name="rule"/> on a node of <paramref name="op"/> reading <paramref name="inputs"/> (null = omitted).</summary>
    public static OpResult Run(IOpRule rule, string op, Attributes attrs, TensorInfo?[] inputs, int outputs = 1, long opset = 0)
    {
        var node = new Node(
            "n",
            op,
            inputs.Select(i => i?.Name ?? "").ToImmutableArray(),
            Enumerable.Range(0, outputs).Select(i => $"y{i}").ToImmutableArray(),
            attrs,
            rule.Domain);
        return rule.Infer(new OpContext(node, inputs, opset));
    }

    public static OpResult Run(IOpRule rule, string op, Attributes attrs, params TensorInfo?[] inputs) => Run(rule, op, attrs, inputs, 1);

    /// <summary>The message of the <see cref="OpException"/> the case throws.</summary>
    public static string Fails(IOpRule rule, string op, Attributes attrs, params TensorInfo?[] inputs) =>
        Assert.Throws<OpException>(() => Run(rule, op, attrs, inputs, 1)).Message;

    public static Attributes A(params (string Name, object Value)[] items) =>
        Attributes.From(items.Select(i => (i.Name, i.Value switch
        {
            long l => AttrValue.Of(l),
            int n => AttrValue.Of((long)n),
            double d => AttrValue.Of(d),
            string s => AttrValue.Of(s),
            long[] ls => AttrValue.Of(ls),
            double[] ds => AttrValue.Of(ds),
            _ => throw new ArgumentException($"unsupported attribute value {i.Value}"),
        })).ToArray());
}
