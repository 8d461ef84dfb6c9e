using System.Collections.Immutable;
using CnnMem.Graphs;

namespace CnnMem.Inference;

/// <summary>
/// Per tensor of a graph: the node that produces it and the nodes that read it (one entry per input slot, in graph
/// order: a node reading a tensor twice counts twice), and how many graph outputs name it. Empty names (absent optional
/// inputs and outputs) are left out. Built once per inference result (<see cref="InferenceResult.TensorIndex"/>) for
/// every stage that walks edges: the fused-pattern recognizer, the storage graph's reader counts, the layer folding.
/// </summary>
internal sealed class TensorIndex
{
    private readonly Dictionary<string, int> _slot;
    private readonly int[] _producer;
    private readonly int[] _graphOutputs;

    // the readers of slot s are _readers[_start[s] .. _start[s + 1]) (compressed rows: one array for the whole graph)
    private readonly int[] _start;
    private readonly int[] _readers;

    private TensorIndex(Dictionary<string, int> slot, int[] producer, int[] graphOutputs, int[] start, int[] readers)
    {
        _slot = slot;
        _producer = producer;
        _graphOutputs = graphOutputs;
        _start = start;
        _readers = readers;
    }

    /// <summary>The index of <paramref name="nodes"/> (in graph order) and the graph's outputs; <paramref name="capacity"/> presizes it (about the number of tensors).</summary>
    public static TensorIndex Of(IReadOnlyList<Node> nodes, ImmutableArray<string> graphOutputs, int capacity = 0)
    {
        var slot = new Dictionary<string, int>(capacity, StringComparer.Ordinal);
        var producer = new List<int>(capacity);
        var count = new List<int>(capacity);
        int Slot(string name)
        {
            if (!slot.TryGetValue(name, out var s))
            {
                s = slot.Count;
                slot.Add(name, s);
                producer.Add(-1);
                count.Add(0);
            }
            return s;
        }
        for (var i = 0; i < nodes.Count; i++)
        {
            foreach (var o in nodes[i].Outputs)
            {
                if (o.Length > 0)
                {
                    producer[Slot(o)] = i; // the graph validator refuses a tensor produced twice
                }
            }
            foreach (var name in nodes[i].Inputs)
            {
                if (name.Length > 0)
                {
                    count[Slot(name)]++;
                }
            }
        }
        foreach (var o in graphOutputs)
        {
            Slot(o);
        }
        var outputs = new int[slot.Count];
        foreach (var o in graphOutputs)
        {
            outputs[slot[o]]++;
        }
        var (start, readers) = Readers(nodes, slot, count);
        return new TensorIndex(slot, producer.ToArray(), outputs, start, readers);
    }

    /// <summary>Each tensor's readers in one flat array (compressed rows): those of slot <c>s</c> at <c>start[s]..start[s + 1]</c>, in graph order.</summary>
    private static (int[] Start, int[] Readers) Readers(IReadOnlyList<Node> nodes, Dictionary<string, int> slot, List<int> count)
    {
        var start = new int[slot.Count + 1];
        for (var s = 0; s < slot.Count; s++)
        {
            start[s + 1] = checked(start[s] + count[s]);
        }
        var readers = new int[start[^1]];
        var next = start[..^1];
        for (var i = 0; i < nodes.Count; i++)
        {
            foreach (var name in nodes[i].Inputs)
            {
                if (name.Length > 0)
                {
                    readers[next[slot[name]]++] = i;
                }
            }
        }
        return (start, readers);
    }

    /// <summary>The index of the node that produces <paramref name="tensor"/>; -1 for graph inputs, initializers and unknown names.</summary>
    public int Producer(string tensor) => _slot.TryGetValue(tensor, out var s) ? _producer[s] : -1;

    /// <summary>The nodes that read <paramref name="tensor"/>, one entry per input slot, in graph order.</summary>
    public ReadOnlySpan<int> Readers(string tensor) =>
        _slot.TryGetValue(tensor, out var s) ? _readers.AsSpan(_start[s], _start[s + 1] - _start[s]) : ReadOnlySpan<int>.Empty;

    /// <summary>How many node inputs read <paramref name="tensor"/>.</summary>
    public int ReaderCount(string tensor) => _slot.TryGetValue(tensor, out var s) ? _start[s + 1] - _start[s] : 0;

    /// <summary>How many node inputs read <paramref name="tensor"/>, plus one for each graph output that names it (what keeps it alive).</summary>
    public int Uses(string tensor) => _slot.TryGetValue(tensor, out var s) ? checked(_start[s + 1] - _start[s] + _graphOutputs[s]) : 0;
}
