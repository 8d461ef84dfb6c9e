using System.Text.Json;
using CnnMem.Reports;

namespace CnnMem.Rendering;

/// <summary>
/// Writes the report's <see cref="MemoryReport"/> as the JSON's "memory" object, in its declaration order with
/// null sections omitted. The sections that grow with the network (training rows, timeline steps) are written
/// by hand; the fixed-size ones go through <see cref="JsonSections"/>.
/// </summary>
internal static class JsonMemoryWriter
{
    private static readonly JsonEncodedText Naive = JsonEncodedText.Encode("naive");
    private static readonly JsonEncodedText Model = JsonEncodedText.Encode("model");
    private static readonly JsonEncodedText Inference = JsonEncodedText.Encode("inference");
    private static readonly JsonEncodedText Training = JsonEncodedText.Encode("training");
    private static readonly JsonEncodedText Device = JsonEncodedText.Encode("device");
    private static readonly JsonEncodedText Parallel = JsonEncodedText.Encode("parallel");
    private static readonly JsonEncodedText Timeline = JsonEncodedText.Encode("timeline");
    private static readonly JsonEncodedText BatchSweep = JsonEncodedText.Encode("batch_sweep");
    private static readonly JsonEncodedText BaseBytes = JsonEncodedText.Encode("base_bytes");
    private static readonly JsonEncodedText PeakIndex = JsonEncodedText.Encode("peak_index");
    private static readonly JsonEncodedText Steps = JsonEncodedText.Encode("steps");
    private static readonly JsonEncodedText Peak = JsonEncodedText.Encode("peak");
    private static readonly JsonEncodedText Index = JsonEncodedText.Encode("index");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText Phase = JsonEncodedText.Encode("phase");
    private static readonly JsonEncodedText AllocatedBytes = JsonEncodedText.Encode("allocated_bytes");

    public static void Write(Utf8JsonWriter json, MemoryReport memory)
    {
        json.WriteStartObject();
        json.WritePropertyName(Naive);
        JsonSections.Write(json, memory.Naive);
        JsonSections.WriteIfPresent(json, Model, memory.Model);
        JsonSections.WriteIfPresent(json, Inference, memory.Inference);
        if (memory.Training is { } training)
        {
            json.WritePropertyName(Training);
            JsonTrainingWriter.Write(json, training);
        }
        JsonSections.WriteIfPresent(json, Device, memory.Device);
        JsonSections.WriteIfPresent(json, Parallel, memory.Parallel);
        if (memory.Timeline is { } timeline)
        {
            json.WritePropertyName(Timeline);
            WriteTimeline(json, timeline);
        }
        JsonSections.WriteIfPresent(json, BatchSweep, memory.BatchSweep);
        json.WriteEndObject();
    }

    private static void WriteTimeline(Utf8JsonWriter json, MemoryTimeline timeline)
    {
        json.WriteStartObject();
        json.WriteNumber(BaseBytes, timeline.BaseBytes);
        json.WriteNumber(PeakIndex, timeline.PeakIndex);
        json.WriteStartArray(Steps);
        foreach (var step in timeline.Steps)
        {
            WriteStep(json, step);
        }
        json.WriteEndArray();
        json.WritePropertyName(Peak);
        WriteStep(json, timeline.Peak);
        json.WriteEndObject();
    }

    private static void WriteStep(Utf8JsonWriter json, TimelineStep step)
    {
        json.WriteStartObject();
        json.WriteNumber(Index, step.Index);
        JsonDocumentWriter.WriteStringUnlessNull(json, Name, step.Name);
        JsonDocumentWriter.WriteStringUnlessNull(json, Phase, step.Phase);
        json.WriteNumber(AllocatedBytes, step.AllocatedBytes);
        json.WriteEndObject();
    }
}
