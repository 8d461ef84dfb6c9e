using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Graphs;
using CnnMem.Inference;

namespace CnnMem.Tests.Ops.Fusion;

/// <summary>A small ONNX-op graph built node by node (each node's output is named after the node), for the fusion patterns' tests.</summary>
internal sealed class FusionGraph
{
    private readonly List<Node> _nodes = [];
    private readonly Dictionary<string, Initializer> _initializers = new(StringComparer.Ordinal);
    private readonly TensorInfo _input;

    public FusionGraph(params long[] inputShape) => _input = new TensorInfo("x", DType.Float32, Shape.Of(inputShape));

    /// <summary>Adds a node <paramref name="name"/> = <paramref name="op"/>(<paramref name="inputs"/>) and returns its output's name.</summary>
    public string Op(string name, string op, string[] inputs, params (string, AttrValue)[] attrs)
    {
        _nodes.Add(new Node(name, op, [.. inputs], [name], Attributes.From(attrs)));
        return name;
    }

    /// <summary>A float scalar initializer.</summary>
    public string Const(string name, double value)
    {
        _initializers[name] = new Initializer(new TensorInfo(name, DType.Float32, Shape.Scalar, TensorValue.FromReals(DType.Float32, Shape.Scalar, [value])));
        return name;
    }

    /// <summary>An int64 vector initializer (pads, axes).</summary>
    public string Ints(string name, params long[] values)
    {
        var shape = Shape.Of((long)values.Length);
        _initializers[name] = new Initializer(new TensorInfo(name, DType.Int64, shape, TensorValue.FromInts(DType.Int64, shape, values)));
        return name;
    }

    /// <summary>A float weight initializer of shape <paramref name="dims"/>.</summary>
    public string Weight(string name, params long[] dims)
    {
        _initializers[name] = new Initializer(new TensorInfo(name, DType.Float32, Shape.Of(dims)));
        return name;
    }

    /// <summary>Shape inference of the graph, whose outputs are <paramref name="outputs"/> (opset 13).</summary>
    public InferenceResult Infer(params string[] outputs)
    {
        var graph = GraphValidator.Validate(new ModelGraph("fusion", [_input], _initializers.ToImmutableDictionary(StringComparer.Ordinal), [.. _nodes], [.. outputs]) { OpsetVersion = 13 });
        return ShapeInference.Run(graph, new InferenceOptions());
    }
}
