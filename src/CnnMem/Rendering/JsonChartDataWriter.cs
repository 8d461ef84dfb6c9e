using System.Runtime.CompilerServices;
using System.Text.Json;
using CnnMem.Core;
using CnnMem.Reports;

namespace CnnMem.Rendering;

/// <summary>Writes the chart data of memory (timeline, batch_sweep) in declaration order, null fields omitted; the timeline has a step per op.</summary>
internal static class JsonChartDataWriter
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Write(Utf8JsonWriter json, MemoryTimeline timeline)
    {
        json.WriteStartObject();
        json.WriteNumber("base_bytes"u8, timeline.BaseBytes);
        json.WriteNumber("peak_index"u8, timeline.PeakIndex);
        json.WriteStartArray("steps"u8);
        var row = new JsonRowWriter();
        foreach (var step in timeline.Steps)
        {
            row.StartRow(json);
            Write(row, step);
            row.EndRow(json);
        }
        json.WriteEndArray();
        json.WritePropertyName("peak"u8);
        row.StartValue(json);
        Write(row, timeline.Peak);
        row.EndRow(json);
        json.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter json, BatchSweep sweep)
    {
        json.WriteStartObject();
        JsonFields.String(json, "backend"u8, Backends.Name(sweep.Backend));
        json.WriteStartArray("points"u8);
        foreach (var p in sweep.Points)
        {
            json.WriteStartObject();
            json.WriteNumber("batch"u8, p.Batch);
            json.WriteNumber("inference_bytes"u8, p.InferenceBytes);
            JsonFields.Number(json, "training_bytes"u8, p.TrainingBytes);
            JsonFields.Number(json, "inference_unconstrained_bytes"u8, p.InferenceUnconstrainedBytes);
            JsonFields.Number(json, "training_unconstrained_bytes"u8, p.TrainingUnconstrainedBytes);
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

    private static void Write(JsonRowWriter row, TimelineStep step)
    {
        row.Number("index"u8, step.Index);
        row.String("name"u8, step.Name);
        row.String("phase"u8, step.Phase);
        row.Number("allocated_bytes"u8, step.AllocatedBytes);
    }
}
