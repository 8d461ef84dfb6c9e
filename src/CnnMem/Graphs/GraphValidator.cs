using System.Collections.Immutable;

namespace CnnMem.Graphs;

/// <summary>
/// Checks a graph's structure and returns it with nodes in a topological order.
/// 1. Names: node names and produced tensor names must be unique, and no tensor may be both a
///    graph input/initializer and a node output.
/// 2. References: every node input must be a graph input, an initializer or another node's output;
///    every graph output must exist.
/// 3. Order: when every node comes after the nodes it reads (as exporters write them), the graph is
///    returned as it is; otherwise Kahn's algorithm, taking ready nodes in file order (which gives the
///    file order itself when it is already topological); nodes left over form a cycle, reported by name.
/// </summary>
internal static class GraphValidator
{
    public static ModelGraph Validate(ModelGraph graph) => Validate(graph, nodeNamesUnique: false);

    /// <summary>As <see cref="Validate(ModelGraph)"/>; <paramref name="nodeNamesUnique"/> says the importer has already made node names unique.</summary>
    internal static ModelGraph Validate(ModelGraph graph, bool nodeNamesUnique)
    {
        var nodes = graph.Nodes;
        var inputs = new HashSet<string>(graph.Inputs.Length, StringComparer.Ordinal);
        foreach (var i in graph.Inputs)
        {
            inputs.Add(i.Name);
        }
        var producer = Producers(graph, inputs, nodeNamesUnique);

        var sorted = true;
        for (var i = 0; i < nodes.Length; i++)
        {
            var n = nodes[i];
            for (var k = 0; k < n.Inputs.Length; k++)
            {
                var input = n.Inputs[k];
                if (input.Length == 0 || IndexOf(n.Inputs, input, k) >= 0)
                {
                    continue; // omitted optional input, or the same tensor read twice (x * x): one edge
                }
                if (producer.TryGetValue(input, out var p))
                {
                    sorted &= p < i;
                }
                else if (!inputs.Contains(input) && !graph.Initializers.ContainsKey(input))
                {
                    throw new CnnMemException($"{n.Describe()}: input '{input}' is not defined (no graph input, initializer or node output has that name)");
                }
            }
        }
        foreach (var o in graph.Outputs)
        {
            if (!producer.ContainsKey(o) && !inputs.Contains(o) && !graph.Initializers.ContainsKey(o))
            {
                throw new CnnMemException($"graph output '{o}' is not produced by any node");
            }
        }
        return sorted ? graph : graph with { Nodes = Order(nodes, producer) };
    }

    /// <summary>The node that produces each tensor; checks that names are unique and outputs do not shadow graph inputs.</summary>
    private static Dictionary<string, int> Producers(ModelGraph graph, HashSet<string> inputs, bool nodeNamesUnique)
    {
        var nodes = graph.Nodes;
        var producer = new Dictionary<string, int>(nodes.Length, StringComparer.Ordinal);
        var nodeNames = nodeNamesUnique ? null : new HashSet<string>(nodes.Length, StringComparer.Ordinal);
        for (var i = 0; i < nodes.Length; i++)
        {
            var n = nodes[i];
            if (nodeNames is not null && n.Name.Length > 0 && !nodeNames.Add(n.Name))
            {
                throw new CnnMemException($"{n.Describe()}: duplicate name '{n.Name}'");
            }
            foreach (var o in n.Outputs)
            {
                if (o.Length == 0)
                {
                    continue;
                }
                if (inputs.Contains(o) && !graph.Initializers.ContainsKey(o))
                {
                    throw new CnnMemException($"{n.Describe()}: output '{o}' has the same name as a graph input");
                }
                if (!producer.TryAdd(o, i))
                {
                    throw new CnnMemException($"{n.Describe()}: tensor '{o}' is already produced by {nodes[producer[o]].Describe()}");
                }
            }
        }
        return producer;
    }

    /// <summary>Kahn's algorithm over the edges producer -> consumer, ready nodes taken in file order.</summary>
    private static ImmutableArray<Node> Order(ImmutableArray<Node> nodes, Dictionary<string, int> producer)
    {
        // Edges in compressed rows: the consumers of node p are targets[start[p] .. start[p + 1]).
        var indegree = new int[nodes.Length];
        var start = new int[nodes.Length + 1];
        ForEachEdge(nodes, producer, (p, _) => start[p + 1]++);
        for (var p = 0; p < nodes.Length; p++)
        {
            start[p + 1] += start[p];
        }
        var targets = new int[start[nodes.Length]];
        var fill = start[..^1];
        ForEachEdge(nodes, producer, (p, c) =>
        {
            targets[fill[p]++] = c;
            indegree[c]++;
        });

        var ready = new PriorityQueue<int, int>();
        for (var i = 0; i < indegree.Length; i++)
        {
            if (indegree[i] == 0)
            {
                ready.Enqueue(i, i);
            }
        }
        var order = ImmutableArray.CreateBuilder<Node>(nodes.Length);
        while (ready.TryDequeue(out var i, out _))
        {
            order.Add(nodes[i]);
            for (var e = start[i]; e < start[i + 1]; e++)
            {
                if (--indegree[targets[e]] == 0)
                {
                    ready.Enqueue(targets[e], targets[e]);
                }
            }
        }
        if (order.Count != nodes.Length)
        {
            var stuck = Enumerable.Range(0, indegree.Length).Where(i => indegree[i] > 0).Select(i => nodes[i].Name).Take(5);
            throw new CnnMemException($"the graph has a cycle through {string.Join(", ", stuck.Select(s => $"'{s}'"))}");
        }
        return order.MoveToImmutable();
    }

    private static void ForEachEdge(ImmutableArray<Node> nodes, Dictionary<string, int> producer, Action<int, int> edge)
    {
        for (var i = 0; i < nodes.Length; i++)
        {
            var inputs = nodes[i].Inputs;
            for (var k = 0; k < inputs.Length; k++)
            {
                if (inputs[k].Length > 0 && IndexOf(inputs, inputs[k], k) < 0 && producer.TryGetValue(inputs[k], out var p))
                {
                    edge(p, i);
                }
            }
        }
    }

    /// <summary>Index of <paramref name="name"/> among the first <paramref name="count"/> inputs, or -1 (inputs are few: a scan beats a set).</summary>
    private static int IndexOf(ImmutableArray<string> inputs, string name, int count)
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
}
