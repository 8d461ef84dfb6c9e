using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CnnMem.Rendering;

/// <summary>Writes a shape on one line (<c>[64, 50, 50, 3]</c>, null for unknown dims) so indented JSON stays readable.</summary>
public sealed class CompactShapeConverter : JsonConverter<long?[]>
{
    public override long?[]? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<long?[]>(ref reader);

    public override void Write(Utf8JsonWriter writer, long?[] value, JsonSerializerOptions options) =>
        writer.WriteRawValue("[" + string.Join(", ", value.Select(d => d?.ToString(CultureInfo.InvariantCulture) ?? "null")) + "]", skipInputValidation: true);
}
