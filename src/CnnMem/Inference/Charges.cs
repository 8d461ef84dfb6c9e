using CnnMem.Graphs;

namespace CnnMem.Inference;

/// <summary>
/// Which parameters shape inference has charged to a node, so a tensor several nodes read counts once: the graph's
/// initializers not yet charged in a hash set (one is charged by taking it out), and the rules' own parameters in another.
/// </summary>
internal sealed class Charges
{
    private readonly ModelGraph _graph;
    private readonly HashSet<string> _unchargedInitializers;
    private readonly HashSet<string> _others = new(StringComparer.Ordinal);

    public Charges(ModelGraph graph)
    {
        _graph = graph;
        _unchargedInitializers = new HashSet<string>(graph.Initializers.Count, StringComparer.Ordinal);
    }

    public void AddInitializer(string name) => _unchargedInitializers.Add(name);

    /// <summary>Charges the initializer <paramref name="name"/>; false when it is none or was charged before.</summary>
    public bool ChargeInitializer(string name) => _unchargedInitializers.Remove(name);

    /// <summary>Charges a parameter by name (an initializer's, or one a rule creates); false when it was charged before.</summary>
    public bool Add(string name) =>
        _unchargedInitializers.Remove(name) || (!_graph.Initializers.ContainsKey(name) && _others.Add(name));
}
