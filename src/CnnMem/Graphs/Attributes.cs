using System.Collections.Immutable;
using CnnMem.Core;

namespace CnnMem.Graphs;

/// <summary>
/// A node's attributes with typed getters. A getter that finds the wrong type throws an
/// <see cref="OpException"/> naming the attribute, the expected and the found type.
/// Held as two small arrays (a node has a handful of attributes, so a scan beats hashing) and shared
/// between nodes whose attributes are equal; <see cref="Values"/> builds a dictionary on first use.
/// </summary>
internal sealed class Attributes
{
    public static readonly Attributes Empty = new([], []);

    private readonly string[] _names;
    private readonly AttrValue[] _values;
    private ImmutableDictionary<string, AttrValue>? _dictionary;

    public Attributes(ImmutableDictionary<string, AttrValue> values)
    {
        _names = new string[values.Count];
        _values = new AttrValue[values.Count];
        var i = 0;
        foreach (var kv in values)
        {
            _names[i] = kv.Key;
            _values[i++] = kv.Value;
        }
        _dictionary = values;
    }

    /// <summary>Attributes from names and values of the same length, the names distinct (the caller has checked).</summary>
    internal Attributes(string[] names, AttrValue[] values)
    {
        _names = names;
        _values = values;
    }

    public ImmutableDictionary<string, AttrValue> Values => _dictionary ??= BuildDictionary();

    public bool Has(string name) => IndexOf(name) >= 0;

    public Attributes With(string name, AttrValue value) => new(Values.SetItem(name, value));

    public static Attributes From(params (string Name, AttrValue Value)[] items) =>
        new(items.ToImmutableDictionary(i => i.Name, i => i.Value));

    private int IndexOf(string name)
    {
        for (var i = 0; i < _names.Length; i++)
        {
            if (string.Equals(_names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }

    private AttrValue? Find(string name)
    {
        var i = IndexOf(name);
        return i >= 0 ? _values[i] : null;
    }

    private AttrValue? Get(string name, AttrKind kind)
    {
        if (Find(name) is not { } v)
        {
            return null;
        }
        if (v.Kind != kind)
        {
            throw new OpException($"attribute '{name}' should be {Describe(kind)} but is {Describe(v.Kind)}");
        }
        return v;
    }

    private static string Describe(AttrKind k) => k switch
    {
        AttrKind.Int => "an integer",
        AttrKind.Float => "a float",
        AttrKind.String => "a string",
        AttrKind.Ints => "a list of integers",
        AttrKind.Floats => "a list of floats",
        AttrKind.Strings => "a list of strings",
        AttrKind.Tensor => "a tensor",
        _ => "a graph",
    };

    public long Int(string name, long fallback) => Get(name, AttrKind.Int)?.Int ?? fallback;

    public long? IntOrNull(string name) => Get(name, AttrKind.Int)?.Int;

    public double Float(string name, double fallback)
    {
        // Some writers store an integral float attribute as an int; accept both.
        if (Find(name) is { Kind: AttrKind.Int } v)
        {
            return v.Int;
        }
        return Get(name, AttrKind.Float)?.Float ?? fallback;
    }

    public string Str(string name, string fallback) => Get(name, AttrKind.String)?.Str ?? fallback;

    public ImmutableArray<long>? Ints(string name) => Get(name, AttrKind.Ints)?.Ints;

    public ImmutableArray<double>? Floats(string name) => Get(name, AttrKind.Floats)?.Floats;

    public ImmutableArray<string>? Strings(string name) => Get(name, AttrKind.Strings)?.Strings;

    public TensorInfo? Tensor(string name) => Get(name, AttrKind.Tensor)?.Tensor;

    public override string ToString()
    {
        var order = new int[_names.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        Array.Sort(order, (a, b) => string.CompareOrdinal(_names[a], _names[b]));
        return string.Join(" ", order.Select(i => $"{_names[i]}={_values[i]}"));
    }

    private ImmutableDictionary<string, AttrValue> BuildDictionary()
    {
        var b = ImmutableDictionary.CreateBuilder<string, AttrValue>(StringComparer.Ordinal);
        for (var i = 0; i < _names.Length; i++)
        {
            b[_names[i]] = _values[i];
        }
        return b.ToImmutable();
    }
}
