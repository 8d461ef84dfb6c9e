using System.Collections.Immutable;
using CnnMem.Inference;

namespace CnnMem.Analysis;

/// <summary>
/// The report's layers: each node is its own layer, except nodes an importer grouped under one source
/// layer (<see cref="Graphs.Node.Layer"/>), which form one layer in the order of its first node.
/// </summary>
public static class LayerGroups
{
    public static ImmutableArray<ImmutableArray<NodeInference>> Of(InferenceResult inference)
    {
        var groups = new List<List<NodeInference>>(inference.Nodes.Length);
        var byLayer = new Dictionary<string, List<NodeInference>>(StringComparer.Ordinal);
        foreach (var n in inference.Nodes)
        {
            if (n.Node.Layer is not { } layer)
            {
                groups.Add([n]);
                continue;
            }
            if (!byLayer.TryGetValue(layer.Name, out var list))
            {
                list = [];
                byLayer[layer.Name] = list;
                groups.Add(list);
            }
            list.Add(n);
        }
        return groups.Select(g => g.ToImmutableArray()).ToImmutableArray();
    }

    /// <summary>The nodes whose outputs are the layer's: the last node of each call (a lone node is its own).</summary>
    public static ImmutableArray<NodeInference> OutputNodes(ImmutableArray<NodeInference> group) =>
        group.Length == 1
            ? group
            : group.GroupBy(n => n.Node.Layer?.Call ?? 0).Select(c => c.Last()).ToImmutableArray();
}
