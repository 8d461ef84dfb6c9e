using System.Collections.Immutable;
using System.Runtime.InteropServices;
using CnnMem.Inference;

namespace CnnMem.Costs;

/// <summary>
/// The report's layers: each node is its own layer, except nodes an importer grouped under one source
/// layer (<see cref="Graphs.Node.Layer"/>), which form one layer in the order of its first node.
/// </summary>
internal static class LayerGroups
{
    public static ImmutableArray<ImmutableArray<NodeInference>> Of(InferenceResult inference)
    {
        var index = LayerGroupIndex.Of(inference);
        var groups = new ImmutableArray<NodeInference>[index.Count];
        for (var g = 0; g < groups.Length; g++)
        {
            groups[g] = Nodes(inference.Nodes, index.Members(g));
        }
        return ImmutableCollectionsMarshal.AsImmutableArray(groups);
    }

    /// <summary>The nodes at <paramref name="members"/>.</summary>
    internal static ImmutableArray<NodeInference> Nodes(ImmutableArray<NodeInference> nodes, ReadOnlySpan<int> members)
    {
        var group = new NodeInference[members.Length];
        for (var i = 0; i < group.Length; i++)
        {
            group[i] = nodes[members[i]];
        }
        return ImmutableCollectionsMarshal.AsImmutableArray(group);
    }

    /// <summary>The nodes whose outputs are the layer's: the last node of each call (a lone node is its own).</summary>
    public static ImmutableArray<NodeInference> OutputNodes(ImmutableArray<NodeInference> group) =>
        group.Length == 1
            ? group
            : group.GroupBy(n => n.Node.Layer?.Call ?? 0).Select(c => c.Last()).ToImmutableArray();
}
