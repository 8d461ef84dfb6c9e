using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CnnMem.Reports;

namespace CnnMem.Rendering;

/// <summary>
/// The small report records (summary, totals, memory sections other than the per-layer ones) go through the
/// source-generated serializer, so a field added to them appears in the JSON with no change to the writer.
/// </summary>
internal static class JsonSections
{
    /// <summary>The shared conventions, nulls omitted, and the contract's field names where a C# name differs.</summary>
    public static readonly JsonSerializerOptions Options = CreateOptions();

    /// <summary>Serializes <paramref name="value"/> as the value of the property just written (or an array element).</summary>
    public static void Write<T>(Utf8JsonWriter json, T value) =>
        JsonSerializer.Serialize(json, value, (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T)));

    /// <summary>Writes <c>"name": value</c> unless <paramref name="value"/> is null (the document omits null sections).</summary>
    public static void WriteIfPresent<T>(Utf8JsonWriter json, JsonEncodedText name, T? value)
        where T : class
    {
        if (value is not null)
        {
            json.WritePropertyName(name);
            Write(json, value);
        }
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = JsonConventions.Create(CnnMemJsonContext.Default.WithAddedModifier(RenameContractFields));
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.MakeReadOnly();
        return options;
    }

    /// <summary>Report record members whose C# name differs from the JSON contract's field name.</summary>
    private static void RenameContractFields(JsonTypeInfo info)
    {
        if (info.Type != typeof(NaiveMemory))
        {
            return;
        }
        foreach (var p in info.Properties)
        {
            if (p.Name == "optimizer_slots")
            {
                p.Name = "optimizer_state_slots";
            }
        }
    }
}
