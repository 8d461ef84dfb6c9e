using System.Collections.Immutable;
using CnnMem.Inference;

namespace CnnMem.Costs;

/// <summary>
/// The report's layers (<see cref="LayerGroups"/>) as node indices, group after group: the costs walk every layer of
/// large graphs, and a list per layer of one node was most of their garbage.
/// </summary>
internal sealed class LayerGroupIndex
{
    // group g is _order[_starts[g] .. _starts[g + 1]]; without importer layers both are one array 0, 1, ..., n
    private readonly int[] _order;
    private readonly int[] _starts;

    private LayerGroupIndex(int[] order, int[] starts)
    {
        _order = order;
        _starts = starts;
    }

    public int Count => _starts.Length - 1;

    /// <summary>The indices (in <see cref="InferenceResult.Nodes"/>) of group <paramref name="group"/>'s nodes, in graph order.</summary>
    public ReadOnlySpan<int> Members(int group) => _order.AsSpan(_starts[group], _starts[group + 1] - _starts[group]);

    /// <summary>
    /// The groups of <paramref name="inference"/>, found once per result (the rows and the textbook sum, which the analysis
    /// takes twice, all walk them; an entry lives as long as its result).
    /// </summary>
    public static LayerGroupIndex Of(InferenceResult inference) => Derived.Of(inference, nameof(LayerGroupIndex), () => Of(inference.Nodes));

    public static LayerGroupIndex Of(ImmutableArray<NodeInference> nodes)
    {
        var groupOf = new int[nodes.Length];
        var byLayer = (Dictionary<string, int>?)null;
        var count = 0;
        for (var i = 0; i < nodes.Length; i++)
        {
            if (nodes[i].Node.Layer is not { } layer)
            {
                groupOf[i] = count++;
                continue;
            }
            byLayer ??= new Dictionary<string, int>(StringComparer.Ordinal);
            if (!byLayer.TryGetValue(layer.Name, out var g))
            {
                g = count++;
                byLayer[layer.Name] = g;
            }
            groupOf[i] = g;
        }
        if (byLayer is null)
        {
            // every node its own layer: the group numbers are the node indices
            var identity = new int[nodes.Length + 1];
            for (var i = 0; i < identity.Length; i++)
            {
                identity[i] = i;
            }
            return new LayerGroupIndex(identity, identity);
        }
        // a stable counting sort of the nodes by group
        var starts = new int[count + 1];
        foreach (var g in groupOf)
        {
            starts[g + 1]++;
        }
        for (var g = 0; g < count; g++)
        {
            starts[g + 1] += starts[g];
        }
        var next = starts[..^1];
        var order = new int[nodes.Length];
        for (var i = 0; i < groupOf.Length; i++)
        {
            order[next[groupOf[i]]++] = i;
        }
        return new LayerGroupIndex(order, starts);
    }
}
