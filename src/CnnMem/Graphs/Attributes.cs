using System.Collections.Immutable;
using CnnMem.Core;

namespace CnnMem.Graphs;

/// <summary>
/// A node's attributes with typed getters. A getter that finds the wrong type throws an
/// <see cref="OpException"/> naming the attribute, the expected and the found type.
/// </summary>
public sealed class Attributes
{
    public static readonly Attributes Empty = new(ImmutableDictionary<string, AttrValue>.Empty);

    public Attributes(ImmutableDictionary<string, AttrValue> values) => Values = values;

    public ImmutableDictionary<string, AttrValue> Values { get; }

    public bool Has(string name) => Values.ContainsKey(name);

    public Attributes With(string name, AttrValue value) => new(Values.SetItem(name, value));

    public static Attributes From(params (string Name, AttrValue Value)[] items) =>
        new(items.ToImmutableDictionary(i => i.Name, i => i.Value));

    private AttrValue? Get(string name, AttrKind kind)
    {
        if (!Values.TryGetValue(name, out var v))
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
        if (Values.TryGetValue(name, out var v) && v.Kind == AttrKind.Int)
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

    public override string ToString() => string.Join(" ", Values.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));
}
