using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CnnMem.Core;
using CnnMem.Reports;

namespace CnnMem.Rendering;

/// <summary>
/// Writes the <see cref="JsonReport"/> document straight from the report records, field for field in its
/// order and with its null handling:
/// 1. the header fields and the summary;
/// 2. inputs, outputs and the layers (a row per layer through <see cref="JsonRowWriter"/>: they are what grows
///    with the network);
/// 3. totals, memory (<see cref="JsonMemoryWriter"/>), warnings and notes.
/// The writer hands its bytes to the output whenever its buffer fills, so the output sees them as they come.
/// </summary>
internal static class JsonDocumentWriter
{
    public static void Write(Utf8JsonWriter json, AnalysisReport report)
    {
        var layout = report.Layout;
        json.WriteStartObject();
        JsonFields.String(json, "model"u8, report.Model);
        JsonFields.String(json, "source"u8, report.Source);
        json.WriteNumber("batch"u8, report.Batch);
        json.WriteString("dtype"u8, DTypes.Name(report.DType));
        json.WriteString("optimizer"u8, Optimizers.Name(report.Optimizer));
        json.WriteString("layout"u8, DisplayShapes.LayoutName(layout));
        json.WriteString("units"u8, "bytes");
        if (report.Summary is { } summary)
        {
            json.WritePropertyName("summary"u8);
            JsonTotalsWriter.Write(json, summary);
        }
        WriteTensors(json, "inputs"u8, report.Inputs, layout);
        WriteTensors(json, "outputs"u8, report.Outputs, layout);
        json.WriteStartArray("layers"u8);
        WriteLayers(json, report.Layers, layout);
        json.WriteEndArray();
        json.WritePropertyName("totals"u8);
        JsonTotalsWriter.Write(json, report.Totals);
        json.WritePropertyName("memory"u8);
        JsonMemoryWriter.Write(json, report.Memory);
        WriteStrings(json, "warnings"u8, report.Warnings);
        if (!report.Notes.IsEmpty)
        {
            WriteStrings(json, "notes"u8, report.Notes);
        }
        json.WriteEndObject();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteLayers(Utf8JsonWriter json, ImmutableArray<LayerReport> layers, DisplayLayout layout)
    {
        var row = new JsonRowWriter();
        Span<byte> scratch = stackalloc byte[JsonShape.ScratchBytes];
        foreach (var l in layers)
        {
            row.StartRow(json);
            row.String("name"u8, l.Name);
            row.String("op"u8, l.Op);
            row.Raw("output_shape"u8, l.Outputs.IsEmpty ? "null"u8 : JsonShape.Format(l.Outputs[0].Shape, layout, scratch));
            row.NumberOrNull("output_elements"u8, l.OutputElements);
            row.NumberOrNull("output_bytes"u8, l.OutputBytes);
            row.Number("params"u8, l.Params);
            row.Number("trainable_params"u8, l.TrainableParams);
            row.Number("buffer_elements"u8, l.BufferElements);
            row.Number("macs"u8, l.Macs);
            row.Boolean("in_textbook_sum"u8, l.InTextbookSum);
            if (l.Outputs.Length > 1)
            {
                WriteOutputs(row, l.Outputs, layout, scratch);
            }
            row.String("source"u8, l.Source);
            if (l.Unknown)
            {
                row.Boolean("unknown"u8, true);
            }
            row.EndRow(json);
        }
    }

    private static void WriteOutputs(JsonRowWriter row, ImmutableArray<TensorReport> outputs, DisplayLayout layout, Span<byte> scratch)
    {
        row.StartArray("outputs"u8);
        foreach (var t in outputs)
        {
            row.StartObject();
            row.String("name"u8, t.Name);
            row.Raw("shape"u8, JsonShape.Format(t.Shape, layout, scratch));
            row.String("dtype"u8, DTypes.Name(t.DType));
            row.EndObject();
        }
        row.EndArray();
    }

    private static void WriteTensors(Utf8JsonWriter json, ReadOnlySpan<byte> name, ImmutableArray<TensorReport> tensors, DisplayLayout layout)
    {
        json.WriteStartArray(name);
        foreach (var t in tensors)
        {
            json.WriteStartObject();
            JsonFields.String(json, "name"u8, t.Name);
            json.WritePropertyName("shape"u8);
            JsonShape.Write(json, t.Shape, layout);
            json.WriteString("dtype"u8, DTypes.Name(t.DType));
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter json, ReadOnlySpan<byte> name, ImmutableArray<string> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values)
        {
            json.WriteStringValue(v);
        }
        json.WriteEndArray();
    }
}
