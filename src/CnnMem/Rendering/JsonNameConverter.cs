using System.Text.Json;
using System.Text.Json.Serialization;

namespace CnnMem.Rendering;

/// <summary>
/// Writes an enum of the report as its name in the JSON contract (the name table the command line parses with, e.g.
/// <see cref="Core.Frameworks"/>), for the reference serializer; the document is only written, never read back.
/// </summary>
internal sealed class JsonNameConverter<T>(Func<T, string> name) : JsonConverter<T>
    where T : struct, Enum
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("the reference serializer only writes the report");

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(name(value));
}
