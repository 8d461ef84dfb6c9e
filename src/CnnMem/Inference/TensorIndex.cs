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
    private static readonly int[] NoReaders = [];

    private readonly Dictionary<string, int> _slot;
    private readonly int[] _producer;
    private readonly int[] _graphOutputs;
    private readonly int[][] _readers;

    private TensorIndex(Dictionary<string, int> slot, int[] producer, int[] graphOutputs, int[][] readers)
    {
        _slot = slot;
        _producer = producer;
        _graphOutputs = graphOutputs;
        _readers = readers;
    }

    /// <summary>The index of <paramref name="nodes"/> (in graph order) and the graph's outputs.</summary>
    public static TensorIndex Of(IReadOnlyList<Node> nodes, ImmutableArray<string> graphOutputs)
    {
        var slot = new Dictionary<string, int>(StringComparer.Ordinal);
        var producer = new List<int>();
        var readers = new List<List<int>?>();
        int Slot(string name)
        {
            if (!slot.TryGetValue(name, out var s))
            {
                s = slot.Count;
                slot.Add(name, s);
                producer.Add(-1);
                readers.Add(null);
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
                    var s = Slot(name);
                    (readers[s] ??= new List<int>(1)).Add(i);
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
        return new TensorIndex(slot, producer.ToArray(), outputs, readers.Select(r => r?.ToArray() ?? NoReaders).ToArray());
    }

    /// <summary>The index of the node that produces <paramref name="tensor"/>; -1 for graph inputs, initializers and unknown names.</summary>
    public int Producer(string tensor) => _slot.TryGetValue(tensor, out var s) ? _producer[s] : -1;

    /// <summary>The nodes that read <paramref name="tensor"/>, one entry per input slot, in graph order.</summary>
    public ReadOnlySpan<int> Readers(string tensor) => _slot.TryGetValue(tensor, out var s) ? _readers[s] : NoReaders;

    /// <summary>How many node inputs read <paramref name="tensor"/>.</summary>
    public int ReaderCount(string tensor) => _slot.TryGetValue(tensor, out var s) ? _readers[s].Length : 0;

    /// <summary>How many node inputs read <paramref name="tensor"/>, plus one for each graph output that names it (what keeps it alive).</summary>
    public int Uses(string tensor) => _slot.TryGetValue(tensor, out var s) ? checked(_readers[s].Length + _graphOutputs[s]) : 0;
}
