using System.Runtime.CompilerServices;
using System.Collections.Immutable;
using System.Text.Json;
using CnnMem.Core;
using CnnMem.Graphs;
using CnnMem.Reports;

namespace CnnMem.Rendering;

/// <summary>
/// Writes the <see cref="JsonReport"/> document straight from the report records, field for field in its
/// order and with its null handling:
/// 1. the header fields and the summary;
/// 2. inputs, outputs and the layers (one object per layer, shapes on one line, written by hand: they are
///    what grows with the network);
/// 3. totals, memory (<see cref="JsonMemoryWriter"/>), warnings and notes.
/// The writer hands its bytes to the output whenever its buffer fills, so the output sees them as they come.
/// </summary>
internal static class JsonDocumentWriter
{
    private static readonly JsonEncodedText Model = JsonEncodedText.Encode("model");
    private static readonly JsonEncodedText Source = JsonEncodedText.Encode("source");
    private static readonly JsonEncodedText Batch = JsonEncodedText.Encode("batch");
    private static readonly JsonEncodedText Dtype = JsonEncodedText.Encode("dtype");
    private static readonly JsonEncodedText Optimizer = JsonEncodedText.Encode("optimizer");
    private static readonly JsonEncodedText Layout = JsonEncodedText.Encode("layout");
    private static readonly JsonEncodedText Units = JsonEncodedText.Encode("units");
    private static readonly JsonEncodedText Summary = JsonEncodedText.Encode("summary");
    private static readonly JsonEncodedText Inputs = JsonEncodedText.Encode("inputs");
    private static readonly JsonEncodedText Outputs = JsonEncodedText.Encode("outputs");
    private static readonly JsonEncodedText Layers = JsonEncodedText.Encode("layers");
    private static readonly JsonEncodedText Totals = JsonEncodedText.Encode("totals");
    private static readonly JsonEncodedText Memory = JsonEncodedText.Encode("memory");
    private static readonly JsonEncodedText Warnings = JsonEncodedText.Encode("warnings");
    private static readonly JsonEncodedText Notes = JsonEncodedText.Encode("notes");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText Op = JsonEncodedText.Encode("op");
    private static readonly JsonEncodedText Shape = JsonEncodedText.Encode("shape");
    private static readonly JsonEncodedText OutputShape = JsonEncodedText.Encode("output_shape");
    private static readonly JsonEncodedText OutputElements = JsonEncodedText.Encode("output_elements");
    private static readonly JsonEncodedText OutputBytes = JsonEncodedText.Encode("output_bytes");
    private static readonly JsonEncodedText Params = JsonEncodedText.Encode("params");
    private static readonly JsonEncodedText TrainableParams = JsonEncodedText.Encode("trainable_params");
    private static readonly JsonEncodedText BufferElements = JsonEncodedText.Encode("buffer_elements");
    private static readonly JsonEncodedText Macs = JsonEncodedText.Encode("macs");
    private static readonly JsonEncodedText InTextbookSum = JsonEncodedText.Encode("in_textbook_sum");
    private static readonly JsonEncodedText LayerSource = JsonEncodedText.Encode("source");
    private static readonly JsonEncodedText Unknown = JsonEncodedText.Encode("unknown");

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Write(Utf8JsonWriter json, AnalysisReport report)
    {
        var layout = report.Layout;
        json.WriteStartObject();
        JsonFields.String(json, Model, report.Model);
        JsonFields.String(json, Source, report.Source);
        json.WriteNumber(Batch, report.Batch);
        json.WriteString(Dtype, DTypes.Name(report.DType));
        json.WriteString(Optimizer, Optimizers.Name(report.Optimizer));
        json.WriteString(Layout, DisplayShapes.LayoutName(layout));
        json.WriteString(Units, "bytes");
        if (report.Summary is { } summary)
        {
            json.WritePropertyName(Summary);
            JsonTotalsWriter.Write(json, summary);
        }
        WriteTensors(json, Inputs, report.Inputs, layout);
        WriteTensors(json, Outputs, report.Outputs, layout);
        json.WriteStartArray(Layers);
        foreach (var layer in report.Layers)
        {
            WriteLayer(json, layer, layout);
        }
        json.WriteEndArray();
        json.WritePropertyName(Totals);
        JsonTotalsWriter.Write(json, report.Totals);
        json.WritePropertyName(Memory);
        JsonMemoryWriter.Write(json, report.Memory);
        WriteStrings(json, Warnings, report.Warnings);
        if (!report.Notes.IsEmpty)
        {
            WriteStrings(json, Notes, report.Notes);
        }
        json.WriteEndObject();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteLayer(Utf8JsonWriter json, LayerReport l, DisplayLayout layout)
    {
        json.WriteStartObject();
        JsonFields.String(json, Name, l.Name);
        JsonFields.String(json, Op, l.Op);
        json.WritePropertyName(OutputShape);
        if (l.Outputs.IsEmpty)
        {
            json.WriteNullValue();
        }
        else
        {
            JsonShape.Write(json, l.Outputs[0].Shape, layout);
        }
        JsonFields.NumberOrNull(json, OutputElements, l.OutputElements);
        JsonFields.NumberOrNull(json, OutputBytes, l.OutputBytes);
        json.WriteNumber(Params, l.Params);
        json.WriteNumber(TrainableParams, l.TrainableParams);
        json.WriteNumber(BufferElements, l.BufferElements);
        json.WriteNumber(Macs, l.Macs);
        json.WriteBoolean(InTextbookSum, l.InTextbookSum);
        if (l.Outputs.Length > 1)
        {
            WriteTensors(json, Outputs, l.Outputs, layout);
        }
        if (l.Source is { } source)
        {
            json.WriteString(LayerSource, source);
        }
        if (l.Unknown)
        {
            json.WriteBoolean(Unknown, true);
        }
        json.WriteEndObject();
    }

    private static void WriteTensors(Utf8JsonWriter json, JsonEncodedText name, ImmutableArray<TensorReport> tensors, DisplayLayout layout)
    {
        json.WriteStartArray(name);
        foreach (var t in tensors)
        {
            json.WriteStartObject();
            JsonFields.String(json, Name, t.Name);
            json.WritePropertyName(Shape);
            JsonShape.Write(json, t.Shape, layout);
            json.WriteString(Dtype, DTypes.Name(t.DType));
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter json, JsonEncodedText name, ImmutableArray<string> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values)
        {
            json.WriteStringValue(v);
        }
        json.WriteEndArray();
    }
}
