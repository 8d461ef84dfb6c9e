using System.Text.Json;
using CnnMem.Core;
using CnnMem.Reports;

namespace CnnMem.Rendering;

/// <summary>
/// Writes the report's <see cref="MemoryReport"/> as the JSON's "memory" object: each section in declaration order,
/// null sections and null fields omitted. Training (<see cref="JsonTrainingWriter"/>), parallel
/// (<see cref="JsonParallelWriter"/>) and the chart data (<see cref="JsonChartDataWriter"/>) have their own writers.
/// </summary>
internal static class JsonMemoryWriter
{
    public static void Write(Utf8JsonWriter json, MemoryReport memory)
    {
        json.WriteStartObject();
        if (memory.Naive is { } naive)
        {
            json.WritePropertyName("naive"u8);
            Write(json, naive);
        }
        if (memory.Model is { } model)
        {
            json.WritePropertyName("model"u8);
            Write(json, model);
        }
        if (memory.Inference is { } inference)
        {
            json.WritePropertyName("inference"u8);
            Write(json, inference);
        }
        if (memory.Training is { } training)
        {
            json.WritePropertyName("training"u8);
            JsonTrainingWriter.Write(json, training);
        }
        if (memory.Device is { } device)
        {
            json.WritePropertyName("device"u8);
            Write(json, device);
        }
        if (memory.CudnnWorkspaces is { } cudnn)
        {
            json.WritePropertyName("cudnn_workspaces"u8);
            JsonCudnnWriter.Write(json, cudnn);
        }
        if (memory.Parallel is { } parallel)
        {
            json.WritePropertyName("parallel"u8);
            JsonParallelWriter.Write(json, parallel);
        }
        if (memory.Timeline is { } timeline)
        {
            json.WritePropertyName("timeline"u8);
            JsonChartDataWriter.Write(json, timeline);
        }
        if (memory.BatchSweep is { } sweep)
        {
            json.WritePropertyName("batch_sweep"u8);
            JsonChartDataWriter.Write(json, sweep);
        }
        json.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter json, NaiveMemory n)
    {
        json.WriteStartObject();
        json.WriteNumber("activation_bytes_per_sample"u8, n.ActivationBytesPerSample);
        json.WriteNumber("activation_bytes"u8, n.ActivationBytes);
        json.WriteNumber("activation_gradient_bytes"u8, n.ActivationGradientBytes);
        json.WriteNumber("weight_bytes"u8, n.WeightBytes);
        json.WriteNumber("weight_gradient_bytes"u8, n.WeightGradientBytes);
        json.WriteNumber("optimizer_state_slots"u8, n.OptimizerSlots); // the contract's name for OptimizerSlots
        json.WriteNumber("optimizer_state_bytes"u8, n.OptimizerStateBytes);
        json.WriteNumber("inference_bytes"u8, n.InferenceBytes);
        json.WriteNumber("training_bytes"u8, n.TrainingBytes);
        json.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter json, MemoryModelSettings m)
    {
        json.WriteStartObject();
        json.WriteString("framework"u8, Frameworks.Name(m.Framework));
        json.WriteString("backend"u8, Backends.Name(m.Backend));
        json.WriteBoolean("mkldnn"u8, m.Mkldnn);
        json.WriteNumber("threads"u8, m.Threads);
        json.WriteBoolean("mixed_precision"u8, m.MixedPrecision);
        json.WriteNumber("checkpoint_every"u8, m.CheckpointEvery);
        json.WriteNumber("alignment"u8, m.Alignment);
        JsonFields.String(json, "profile"u8, m.Profile);
        json.WriteString("zero_grad"u8, ZeroGradModes.Name(m.ZeroGrad));
        json.WriteBoolean("foreach"u8, m.Foreach);
        JsonFields.String(json, "amp_d_type"u8, m.AmpDType is { } amp ? DTypes.Name(amp) : null);
        json.WriteBoolean("expandable_segments"u8, m.ExpandableSegments);
        JsonFields.String(json, "gpu_arch"u8, m.GpuArch);
        JsonFields.String(json, "profile_measured_on"u8, m.ProfileMeasuredOn);
        json.WriteBoolean("profile_borrowed"u8, m.ProfileBorrowed);
        JsonFields.Number(json, "blas_workspace_bytes"u8, m.BlasWorkspaceBytes);
        json.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter json, InferenceMemory i)
    {
        json.WriteStartObject();
        json.WriteNumber("weight_bytes"u8, i.WeightBytes);
        json.WriteNumber("buffer_bytes"u8, i.BufferBytes);
        json.WriteNumber("input_bytes"u8, i.InputBytes);
        json.WriteNumber("activation_peak_bytes"u8, i.ActivationPeakBytes);
        JsonFields.String(json, "peak_at_layer"u8, i.PeakAtLayer);
        json.WriteNumber("workspace_at_peak_bytes"u8, i.WorkspaceAtPeakBytes);
        json.WriteNumber("output_bytes"u8, i.OutputBytes);
        json.WriteNumber("alignment"u8, i.Alignment);
        json.WriteStartArray("arenas"u8);
        foreach (var arena in i.Arenas)
        {
            json.WriteStartObject();
            JsonFields.String(json, "strategy"u8, arena.Strategy);
            json.WriteNumber("bytes"u8, arena.Bytes);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteNumber("total_bytes"u8, i.TotalBytes);
        json.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter json, DeviceMemory d)
    {
        json.WriteStartObject();
        json.WriteNumber("context_bytes"u8, d.ContextBytes);
        json.WriteNumber("workspace_limit_bytes"u8, d.WorkspaceLimitBytes);
        json.WriteNumber("static_bytes"u8, d.StaticBytes);
        json.WriteNumber("inference_peak_rounded_bytes"u8, d.InferencePeakRoundedBytes);
        json.WriteNumber("inference_rounding_bytes"u8, d.InferenceRoundingBytes);
        json.WriteNumber("training_steady_peak_rounded_bytes"u8, d.TrainingSteadyPeakRoundedBytes);
        json.WriteNumber("training_rounding_bytes"u8, d.TrainingRoundingBytes);
        json.WriteNumber("library_workspace_bytes"u8, d.LibraryWorkspaceBytes);
        json.WriteNumber("inference_static_bytes"u8, d.InferenceStaticBytes);
        json.WriteNumber("inference_static_allocated_bytes"u8, d.InferenceStaticAllocatedBytes);
        json.WriteNumber("inference_reserved_peak_bytes"u8, d.InferenceReservedPeakBytes);
        json.WriteNumber("training_reserved_peak_bytes"u8, d.TrainingReservedPeakBytes);
        json.WriteNumber("inference_cached_bytes"u8, d.InferenceCachedBytes);
        json.WriteNumber("training_cached_bytes"u8, d.TrainingCachedBytes);
        json.WriteNumber("inference_static_tensor_bytes"u8, d.InferenceStaticTensorBytes);
        json.WriteNumber("training_static_tensor_bytes"u8, d.TrainingStaticTensorBytes);
        json.WriteNumber("inference_total_bytes"u8, d.InferenceTotalBytes);
        json.WriteNumber("training_total_bytes"u8, d.TrainingTotalBytes);
        json.WriteEndObject();
    }
}
