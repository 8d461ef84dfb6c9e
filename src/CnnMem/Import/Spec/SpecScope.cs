namespace CnnMem.Import.Spec;

/// <summary>
/// The names a spec has defined so far (inputs and layers), the automatic-name counters, the
/// layer the next line reads by default, and which outputs were read (the rest are graph outputs).
/// Names are case-sensitive, like tensor names; suggestions ignore case.
/// </summary>
internal sealed class SpecScope
{
    private readonly Dictionary<string, (int Line, bool Automatic)> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _counters = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private readonly List<string> _layers = new();

    /// <summary>The tensor the next layer reads unless it says otherwise (the line above's output).</summary>
    public string? Previous { get; set; }

    public int InputCount { get; private set; }

    public bool Contains(string name) => _names.ContainsKey(name);

    public IEnumerable<string> Names => _names.Keys;

    /// <summary>
    /// The classic answer's naming: the k-th layer with prefix P is Pk (C1, C2, P1, FC1). The counter
    /// counts every layer with the prefix, named or not, so a layer's automatic name depends only on its
    /// position; a name the user already took is skipped.
    /// </summary>
    public string NextAutomatic(string prefix)
    {
        var k = _counters.GetValueOrDefault(prefix);
        string name;
        do
        {
            k++;
            name = $"{prefix}{k}";
        }
        while (_names.ContainsKey(name));
        _counters[prefix] = k;
        return name;
    }

    /// <summary>Counts a user-named layer towards its prefix, so the next unnamed one gets the next number.</summary>
    public void CountNamed(string prefix) => _counters[prefix] = checked(_counters.GetValueOrDefault(prefix) + 1);

    /// <summary>Registers a name; returns a description of the earlier definition when the name is taken.</summary>
    public string? Define(string name, int line, bool automatic, bool isInput)
    {
        if (_names.TryGetValue(name, out var earlier))
        {
            return earlier.Automatic
                ? $"line {earlier.Line} (the automatic name of the unnamed layer there)"
                : $"line {earlier.Line}";
        }
        _names[name] = (line, automatic);
        if (isInput)
        {
            InputCount++;
        }
        else
        {
            _layers.Add(name);
        }
        return null;
    }

    public void MarkRead(string name) => _read.Add(name);

    /// <summary>Layers no other layer reads, in file order: the network's outputs.</summary>
    public IEnumerable<string> Unread => _layers.Where(l => !_read.Contains(l));

    public int LayerCount => _layers.Count;
}
