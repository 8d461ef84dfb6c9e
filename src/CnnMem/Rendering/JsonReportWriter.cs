using System.Buffers;
using System.Text;
using System.Text.Json;
using CnnMem.Reports;

namespace CnnMem.Rendering;

/// <summary>
/// The machine contract: the report as indented snake_case JSON with raw counts and bytes (no unit
/// formatting). Shapes are batch first in the display layout. Stable: the same report always gives
/// the same text, with '\n' line ends. The document's shape is <see cref="JsonReport"/>; the writer
/// streams UTF-8 straight from the report records (<see cref="JsonDocumentWriter"/>), so a
/// 100,000-layer report needs no document tree, no string of tens of megabytes and no serializer
/// metadata. Tests hold it byte for byte to <see cref="JsonReferenceSerializer"/>.
/// </summary>
public static class JsonReportWriter
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        NewLine = "\n",
        // Encoder left null: the writer's default escaping, as the serializer's. No validation: the document
        // writer walks a fixed shape, and the tests parse what it writes.
        SkipValidation = true,
    };

    /// <summary>The report as JSON text (snake_case fields, raw counts and bytes), ending in a newline.</summary>
    public static string Write(AnalysisReport report)
    {
        var buffer = new ArrayBufferWriter<byte>(checked(4096 + (report.Layers.Length * 700)));
        Write(report, buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes the report's JSON text, ending in a newline, to <paramref name="writer"/>; UTF-8 bytes go straight to a <see cref="StreamWriter"/>'s stream.</summary>
    public static void Write(AnalysisReport report, TextWriter writer)
    {
        if (writer is StreamWriter { Encoding: UTF8Encoding } streamWriter)
        {
            streamWriter.Flush();
            Write(report, streamWriter.BaseStream);
            return;
        }
        using var sink = new TextWriterUtf8Stream(writer);
        Write(report, sink);
    }

    /// <summary>Writes the report's JSON as UTF-8 bytes, ending in a newline, to <paramref name="stream"/> (which stays open), a few tens of kilobytes at a time.</summary>
    public static void Write(AnalysisReport report, Stream stream)
    {
        var buffer = new StreamBufferWriter(stream);
        Write(report, buffer);
        buffer.Flush();
        stream.Flush();
    }

    /// <summary>Writes the report's JSON as UTF-8 bytes, ending in a newline, to <paramref name="output"/>.</summary>
    public static void Write(AnalysisReport report, IBufferWriter<byte> output)
    {
        using (var json = new Utf8JsonWriter(output, WriterOptions))
        {
            JsonDocumentWriter.Write(json, report);
            json.Flush();
        }
        output.Write("\n"u8);
    }
}
