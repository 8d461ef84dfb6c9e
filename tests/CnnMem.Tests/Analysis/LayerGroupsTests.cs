using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Graphs;
using CnnMem.Inference;
using CnnMem.Ops;
using CsCheck;
using CnnMem.Costs;

namespace CnnMem.Tests.Analysis;

/// <summary>
/// The report's layers: lone nodes, and importer groups (one source layer, possibly called several times and interleaved
/// with other nodes) in the order of their first node. Checked against the plain list-per-layer reading.
/// </summary>
public class LayerGroupsTests
{
    [Fact]
    public void InterleavedLayers_GroupInOrderOfTheirFirstNode()
    {
        var inference = Result([null, "a", null, "b", "a", "b", null]);
        Assert.Equal(["n0", "n1+n4", "n2", "n3+n5", "n6"], Names(LayerGroups.Of(inference)));
    }

    [Fact]
    public void WithoutLayers_EachNodeIsALayer() =>
        Assert.Equal(["n0", "n1", "n2"], Names(LayerGroups.Of(Result([null, null, null]))));

    [Fact]
    public void Groups_AgreeWithAListPerLayer() =>
        Gen.Int[0, 4].Select(i => i < 2 ? null : ((char)('a' + i - 2)).ToString()).Array[0, 30].Sample(layers =>
        {
            var inference = Result(layers);
            Assert.Equal(Names(Reference(inference)), Names(LayerGroups.Of(inference)));
        });

    /// <summary>The reading the costs used to build: a list per layer, made at its first node.</summary>
    private static List<List<NodeInference>> Reference(InferenceResult inference)
    {
        var groups = new List<List<NodeInference>>();
        var byLayer = new Dictionary<string, List<NodeInference>>();
        foreach (var n in inference.Nodes)
        {
            if (n.Node.Layer is not { } layer)
            {
                groups.Add([n]);
            }
            else if (byLayer.TryGetValue(layer.Name, out var list))
            {
                list.Add(n);
            }
            else
            {
                byLayer[layer.Name] = [n];
                groups.Add(byLayer[layer.Name]);
            }
        }
        return groups;
    }

    private static List<string> Names(IEnumerable<IEnumerable<NodeInference>> groups) =>
        groups.Select(g => string.Join("+", g.Select(n => n.Node.Name))).ToList();

    private static List<string> Names(ImmutableArray<ImmutableArray<NodeInference>> groups) =>
        Names(groups.Select(g => (IEnumerable<NodeInference>)g));

    private static InferenceResult Result(string?[] layers)
    {
        var nodes = layers.Select((layer, i) => new Node($"n{i}", "Relu", ImmutableArray<string>.Empty, ImmutableArray.Create($"t{i}"), Attributes.Empty)
        {
            Layer = layer is null ? null : new LayerGroup(layer, "Dense"),
        }).ToImmutableArray();
        var graph = new ModelGraph("g", ImmutableArray<TensorInfo>.Empty, ImmutableDictionary<string, Initializer>.Empty, nodes, ImmutableArray<string>.Empty);
        var inferred = nodes.Select(n => new NodeInference(n, ImmutableArray<TensorInfo?>.Empty,
            new OpResult(ImmutableArray.Create(new TensorInfo(n.Outputs[0], DType.Float32, Shape.Of(1)))), ImmutableArray<ParamSpec>.Empty)).ToImmutableArray();
        return new InferenceResult(graph, ImmutableArray<TensorInfo>.Empty, new Dictionary<string, TensorInfo>(), inferred, ImmutableArray<string>.Empty);
    }
}
