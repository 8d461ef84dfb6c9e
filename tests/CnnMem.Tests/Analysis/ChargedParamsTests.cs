using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Graphs;
using CnnMem.Inference;
using CnnMem.Ops;

namespace CnnMem.Tests.Analysis;

/// <summary>
/// Each parameter is charged to the first node that reads or creates it: a weight shared by several nodes counts once,
/// and an initializer named like a parameter a rule creates (<c>{node}.weight</c>) is the same parameter.
/// </summary>
public class ChargedParamsTests
{
    [Fact]
    public void EachParameter_IsChargedToItsFirstNode()
    {
        var w = Shape.Of(3, 3, 3, 3);
        var initializers = new[] { "w", "s.weight", "t.weight" }
            .ToImmutableDictionary(n => n, n => new Initializer(new TensorInfo(n, DType.Float32, w)));
        var nodes = ImmutableArray.Create(
            Conv("c0", "x", "a0", "w"),
            Conv("c1", "a0", "a1", "w"), // the same weight again
            Conv("s", "a1", "a2", null), // creates s.weight and s.bias
            Conv("c3", "a2", "a3", "s.weight"), // reads the initializer named like s's own weight
            Conv("c4", "a3", "a4", "t.weight"),
            Conv("t", "a4", "a5", null)); // creates t.weight, which c4 has charged already, and t.bias
        var x = new TensorInfo("x", DType.Float32, Shape.Of(1, 3, 8, 8));
        var graph = GraphValidator.Validate(new ModelGraph("g", ImmutableArray.Create(x), initializers, nodes, ImmutableArray.Create("a5")));

        var result = ShapeInference.Run(graph, new InferenceOptions());

        Assert.Equal(
            ["c0: w", "c1: ", "s: s.weight,s.bias", "c3: ", "c4: t.weight", "t: t.bias"],
            result.Nodes.Select(n => $"{n.Node.Name}: {string.Join(",", n.Params.Select(p => p.Name))}"));
        Assert.Equal(ParamRole.Weight, result.Nodes[0].Params[0].Role);
    }

    private static Node Conv(string name, string input, string output, string? weight)
    {
        var attrs = Attributes.From(("kernel_shape", AttrValue.Of(new[] { 3L, 3L })), ("pads", AttrValue.Of(new[] { 1L, 1L, 1L, 1L })));
        return weight is null
            ? new Node(name, "Conv", ImmutableArray.Create(input), ImmutableArray.Create(output), attrs.With("filters", AttrValue.Of(3L)))
            : new Node(name, "Conv", ImmutableArray.Create(input, weight), ImmutableArray.Create(output), attrs);
    }
}
