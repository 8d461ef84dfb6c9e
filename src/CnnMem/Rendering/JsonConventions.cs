using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CnnMem.Rendering;

/// <summary>The JSON conventions every machine-readable output shares: snake_case names, indented, "\n" line ends.</summary>
internal static class JsonConventions
{
    /// <summary>
    /// A fresh, mutable set of options with the shared conventions, reading type metadata from
    /// <paramref name="resolver"/> (a source-generated <c>JsonSerializerContext</c>, so nothing needs reflection).
    /// </summary>
    public static JsonSerializerOptions Create(IJsonTypeInfoResolver resolver) => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NewLine = "\n",
        TypeInfoResolver = resolver,
    };

    /// <summary>Serializes <paramref name="value"/> with options made by <see cref="Create"/>, ending in "\n".</summary>
    public static string Serialize<T>(T value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(value, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T))) + "\n";
}
