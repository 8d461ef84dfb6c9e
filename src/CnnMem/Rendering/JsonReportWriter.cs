using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CnnMem.Core;
using CnnMem.Graphs;
using CnnMem.Reports;

namespace CnnMem.Rendering;

/// <summary>
/// The machine contract: the report as indented snake_case JSON with raw counts and bytes (no unit
/// formatting). Shapes are batch first in the display layout. Stable: the same report always gives
/// the same text, with '\n' line ends. The document's shape is <see cref="JsonReport"/>; the writer
/// streams UTF-8 straight from the report records (<see cref="JsonDocumentWriter"/>), so a
/// 100,000-layer report needs no document tree and no string of tens of megabytes.
/// </summary>
public static class JsonReportWriter
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.Default,
        // The writer walks a fixed document shape; the tests parse what it writes.
        SkipValidation = true,
    };

    /// <summary>The report as JSON text (snake_case fields, raw counts and bytes), ending in a newline.</summary>
    public static string Write(AnalysisReport report)
    {
        var buffer = new ArrayBufferWriter<byte>(checked(4096 + (report.Layers.Length * 400)));
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

    /// <summary>
    /// The reference: the same document built as <see cref="JsonReport"/> records and serialized by the
    /// source-generated serializer. Tests hold the streaming writer to it byte for byte, so a field added to a
    /// report record cannot go missing from the stream.
    /// </summary>
    internal static string WriteBySerializer(AnalysisReport report) => JsonConventions.Serialize(ToDocument(report), JsonSections.Options);

    internal static JsonReport ToDocument(AnalysisReport report)
    {
        var layout = report.Layout;
        return new JsonReport(
            report.Model,
            report.Source,
            report.Batch,
            DTypes.Name(report.DType),
            Optimizers.Name(report.Optimizer),
            DisplayShapes.LayoutName(layout),
            "bytes",
            report.Summary,
            report.Inputs.Select(t => Tensor(t, layout)).ToArray(),
            report.Outputs.Select(t => Tensor(t, layout)).ToArray(),
            report.Layers.Select(l => Layer(l, layout)).ToArray(),
            report.Totals,
            report.Memory,
            report.Warnings.ToArray(),
            report.Notes.IsEmpty ? null : report.Notes.ToArray());
    }

    private static JsonTensor Tensor(TensorReport t, DisplayLayout layout) =>
        new(t.Name, DisplayShapes.Sizes(t.Shape, layout), DTypes.Name(t.DType));

    private static JsonLayer Layer(LayerReport l, DisplayLayout layout) => new(
        l.Name,
        l.Op,
        l.Outputs.IsEmpty ? null : DisplayShapes.Sizes(l.OutputShape, layout),
        l.OutputElements,
        l.OutputBytes,
        l.Params,
        l.TrainableParams,
        l.BufferElements,
        l.Macs,
        l.InTextbookSum)
    {
        Outputs = l.Outputs.Length > 1 ? l.Outputs.Select(o => Tensor(o, layout)).ToArray() : null,
        Source = l.Source,
        Unknown = l.Unknown ? true : null,
    };
}
