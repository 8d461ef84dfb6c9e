using System.Collections.Immutable;
using System.Text.Json;

namespace CnnMem.Import.Keras;

/// <summary>
/// A JSON value with its JSON path (<c>$.config.layers[3].config.filters</c>), so every error can say
/// where in the file the unexpected value is. Reads with <see cref="JsonDocument"/> only (no reflection).
/// </summary>
internal readonly record struct JsonAt(JsonElement Value, string Path, string Source)
{
    public JsonValueKind Kind => Value.ValueKind;

    public bool IsNull => Kind is JsonValueKind.Null or JsonValueKind.Undefined;

    public CnnMemException Error(string expected) =>
        new($"{Source}: {Path}: expected {expected}, found {Describe()}");

    private string Describe() => Kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => $"a list of {Value.GetArrayLength()}",
        JsonValueKind.String => $"the string \"{Value.GetString()}\"",
        JsonValueKind.Number => $"the number {Value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => Value.GetRawText(),
        _ => "null",
    };

    /// <summary>The member <paramref name="name"/>, or null when the object lacks it or it is null.</summary>
    public JsonAt? Get(string name)
    {
        if (Kind != JsonValueKind.Object)
        {
            throw Error($"an object with '{name}'");
        }
        return Value.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? new JsonAt(v, $"{Path}.{name}", Source) : null;
    }

    public JsonAt Require(string name) =>
        Get(name) ?? throw new CnnMemException($"{Source}: {Path}: missing '{name}'");

    public IEnumerable<JsonAt> Items()
    {
        if (Kind != JsonValueKind.Array)
        {
            throw Error("a list");
        }
        var path = Path;
        var source = Source;
        return Value.EnumerateArray().Select((v, i) => new JsonAt(v, $"{path}[{i}]", source));
    }

    public int Count => Kind == JsonValueKind.Array ? Value.GetArrayLength() : throw Error("a list");

    public JsonAt At(int index) =>
        Kind == JsonValueKind.Array && index < Value.GetArrayLength() ? new JsonAt(Value[index], $"{Path}[{index}]", Source) : throw Error($"a list of at least {index + 1}");

    public string Str() => Kind == JsonValueKind.String ? Value.GetString()! : throw Error("a string");

    public long Int()
    {
        if (Kind == JsonValueKind.Number && Value.TryGetInt64(out var v))
        {
            return v;
        }
        if (Kind == JsonValueKind.Number && Value.TryGetDouble(out var d) && d == Math.Floor(d) && Math.Abs(d) < 1e18)
        {
            return (long)d;
        }
        throw Error("an integer");
    }

    public double Float() => Kind == JsonValueKind.Number ? Value.GetDouble() : throw Error("a number");

    public bool Bool() => Kind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Error("true or false"),
    };

    /// <summary>An integer or a list of <paramref name="count"/> integers (Keras writes <c>3</c> or <c>[3, 3]</c>).</summary>
    public long[] Ints(int count)
    {
        if (Kind == JsonValueKind.Number)
        {
            var v = Int();
            return Enumerable.Repeat(v, count).ToArray();
        }
        var list = Items().Select(i => i.Int()).ToArray();
        return list.Length == count ? list : throw Error($"an integer or a list of {count} integers");
    }

    /// <summary>A list of integers where null stands for an unknown size (shapes).</summary>
    public ImmutableArray<long?> Dims() =>
        Items().Select(i => i.IsNull ? (long?)null : i.Int()).ToImmutableArray();

    public string Text(string name, string fallback) => Get(name)?.Str() ?? fallback;

    public long Int(string name, long fallback) => Get(name)?.Int() ?? fallback;

    public bool Bool(string name, bool fallback) => Get(name)?.Bool() ?? fallback;

    public double Float(string name, double fallback) => Get(name)?.Float() ?? fallback;
}
