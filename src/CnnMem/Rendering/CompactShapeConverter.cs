using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CnnMem.Rendering;

/// <summary>Writes a shape on one line (<c>[64, 50, 50, 3]</c>, null for unknown dims) so indented JSON stays readable.</summary>
internal sealed class CompactShapeConverter : JsonConverter<long?[]>
{
    public override long?[]? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("a shape must be an array of integers or nulls");
        }
        var dims = new List<long?>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            dims.Add(reader.TokenType == JsonTokenType.Null ? null : reader.GetInt64());
        }
        return dims.ToArray();
    }

    public override void Write(Utf8JsonWriter writer, long?[] value, JsonSerializerOptions options) =>
        writer.WriteRawValue("[" + string.Join(", ", value.Select(d => d?.ToString(CultureInfo.InvariantCulture) ?? "null")) + "]", skipInputValidation: true);
}
