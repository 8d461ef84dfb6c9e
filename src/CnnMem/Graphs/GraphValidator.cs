using System.Collections.Immutable;
using CnnMem.Core;

namespace CnnMem.Graphs;

/// <summary>
/// Checks a graph's structure and returns it with nodes in a topological order.
/// 1. Names: node names and produced tensor names must be unique, and no tensor may be both a
///    graph input/initializer and a node output.
/// 2. References: every node input must be a graph input, an initializer or another node's output;
///    every graph output must exist.
/// 3. Order: Kahn's algorithm; nodes left over form a cycle, which is reported by name.
/// </summary>
public static class GraphValidator
{
    /// <summary>Index of <paramref name="name"/> among the first <paramref name="count"/> inputs, or -1 (inputs are few: a scan beats a set).</summary>
    private static int IndexOf(System.Collections.Immutable.ImmutableArray<string> inputs, string name, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (string.Equals(inputs[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }

    public static ModelGraph Validate(ModelGraph graph)
    {
        var producer = new Dictionary<string, int>(StringComparer.Ordinal);
        var external = new HashSet<string>(graph.Inputs.Select(i => i.Name), StringComparer.Ordinal);
        external.UnionWith(graph.Initializers.Keys);
        var nodeNames = new HashSet<string>(StringComparer.Ordinal);

        for (var i = 0; i < graph.Nodes.Length; i++)
        {
            var n = graph.Nodes[i];
            if (n.Name.Length > 0 && !nodeNames.Add(n.Name))
            {
                throw new CnnMemException($"{n.Describe()}: duplicate name '{n.Name}'");
            }
            foreach (var o in n.Outputs)
            {
                if (o.Length == 0)
                {
                    continue;
                }
                if (external.Contains(o) && !graph.Initializers.ContainsKey(o))
                {
                    throw new CnnMemException($"{n.Describe()}: output '{o}' has the same name as a graph input");
                }
                if (!producer.TryAdd(o, i))
                {
                    throw new CnnMemException($"{n.Describe()}: tensor '{o}' is already produced by {graph.Nodes[producer[o]].Describe()}");
                }
            }
        }

        var indegree = new int[graph.Nodes.Length];
        var consumers = new List<int>[graph.Nodes.Length];
        for (var i = 0; i < graph.Nodes.Length; i++)
        {
            consumers[i] = new List<int>();
        }
        for (var i = 0; i < graph.Nodes.Length; i++)
        {
            var n = graph.Nodes[i];
            for (var k = 0; k < n.Inputs.Length; k++)
            {
                var input = n.Inputs[k];
                if (input.Length == 0 || IndexOf(n.Inputs, input, k) >= 0)
                {
                    continue; // omitted optional input, or the same tensor read twice (x * x): one edge
                }
                if (producer.TryGetValue(input, out var p))
                {
                    indegree[i]++;
                    consumers[p].Add(i);
                }
                else if (!external.Contains(input))
                {
                    throw new CnnMemException($"{n.Describe()}: input '{input}' is not defined (no graph input, initializer or node output has that name)");
                }
            }
        }
        foreach (var o in graph.Outputs)
        {
            if (!producer.ContainsKey(o) && !external.Contains(o))
            {
                throw new CnnMemException($"graph output '{o}' is not produced by any node");
            }
        }

        // Kahn's algorithm, taking ready nodes in file order so the result is stable.
        var ready = new PriorityQueue<int, int>();
        for (var i = 0; i < indegree.Length; i++)
        {
            if (indegree[i] == 0)
            {
                ready.Enqueue(i, i);
            }
        }
        var order = ImmutableArray.CreateBuilder<Node>(graph.Nodes.Length);
        while (ready.TryDequeue(out var i, out _))
        {
            order.Add(graph.Nodes[i]);
            foreach (var c in consumers[i])
            {
                if (--indegree[c] == 0)
                {
                    ready.Enqueue(c, c);
                }
            }
        }
        if (order.Count != graph.Nodes.Length)
        {
            var stuck = Enumerable.Range(0, indegree.Length).Where(i => indegree[i] > 0).Select(i => graph.Nodes[i].Name).Take(5);
            throw new CnnMemException($"the graph has a cycle through {string.Join(", ", stuck.Select(s => $"'{s}'"))}");
        }
        return graph with { Nodes = order.MoveToImmutable() };
    }
}
