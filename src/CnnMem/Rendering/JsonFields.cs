using System.Text.Json;

namespace CnnMem.Rendering;

/// <summary>
/// Field writers with the document's null handling (the serializer's WhenWritingNull): a null string, number or
/// flag is left out.
/// </summary>
internal static class JsonFields
{
    public static void String(Utf8JsonWriter json, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    public static void Number(Utf8JsonWriter json, ReadOnlySpan<byte> name, long? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
    }

    public static void Boolean(Utf8JsonWriter json, ReadOnlySpan<byte> name, bool? value)
    {
        if (value is { } v)
        {
            json.WriteBoolean(name, v);
        }
    }

    /// <summary>An array of whole numbers under <paramref name="name"/>.</summary>
    public static void Numbers(Utf8JsonWriter json, ReadOnlySpan<byte> name, IEnumerable<long> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values)
        {
            json.WriteNumberValue(v);
        }
        json.WriteEndArray();
    }
}
