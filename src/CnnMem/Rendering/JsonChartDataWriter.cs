using System.Runtime.CompilerServices;
using System.Text.Json;
using CnnMem.Reports;

namespace CnnMem.Rendering;

/// <summary>Writes the chart data of memory (timeline, batch_sweep) in declaration order, null fields omitted; the timeline has a step per op.</summary>
internal static class JsonChartDataWriter
{
    private static readonly JsonEncodedText Index = JsonEncodedText.Encode("index");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText Phase = JsonEncodedText.Encode("phase");
    private static readonly JsonEncodedText AllocatedBytes = JsonEncodedText.Encode("allocated_bytes");

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Write(Utf8JsonWriter json, MemoryTimeline timeline)
    {
        json.WriteStartObject();
        json.WriteNumber("base_bytes"u8, timeline.BaseBytes);
        json.WriteNumber("peak_index"u8, timeline.PeakIndex);
        json.WriteStartArray("steps"u8);
        foreach (var step in timeline.Steps)
        {
            Write(json, step);
        }
        json.WriteEndArray();
        json.WritePropertyName("peak"u8);
        Write(json, timeline.Peak);
        json.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter json, BatchSweep sweep)
    {
        json.WriteStartObject();
        JsonFields.String(json, "backend"u8, sweep.Backend);
        json.WriteStartArray("points"u8);
        foreach (var p in sweep.Points)
        {
            json.WriteStartObject();
            json.WriteNumber("batch"u8, p.Batch);
            json.WriteNumber("inference_bytes"u8, p.InferenceBytes);
            JsonFields.Number(json, "training_bytes"u8, p.TrainingBytes);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("devices"u8);
        foreach (var d in sweep.Devices)
        {
            json.WriteStartObject();
            JsonFields.String(json, "name"u8, d.Name);
            json.WriteNumber("bytes"u8, d.Bytes);
            json.WriteNumber("max_inference_batch"u8, d.MaxInferenceBatch);
            JsonFields.Number(json, "max_training_batch"u8, d.MaxTrainingBatch);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Write(Utf8JsonWriter json, TimelineStep step)
    {
        json.WriteStartObject();
        json.WriteNumber(Index, step.Index);
        JsonFields.String(json, Name, step.Name);
        JsonFields.String(json, Phase, step.Phase);
        json.WriteNumber(AllocatedBytes, step.AllocatedBytes);
        json.WriteEndObject();
    }
}
