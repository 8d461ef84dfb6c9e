using System.Text.Json;
using CnnMem.Memory.Parallel;
using CnnMem.Reports;

namespace CnnMem.Rendering;

/// <summary>Writes memory.parallel (<see cref="ParallelMemory"/> and its parts) in declaration order, null fields omitted.</summary>
internal static class JsonParallelWriter
{
    public static void Write(Utf8JsonWriter json, ParallelMemory p)
    {
        json.WriteStartObject();
        json.WriteString("strategy"u8, ParallelStrategies.Name(p.Strategy));
        json.WriteNumber("gpus"u8, p.Gpus);
        json.WriteNumber("micro_batch"u8, p.MicroBatch);
        json.WriteNumber("grad_accum"u8, p.GradAccum);
        json.WriteNumber("global_batch"u8, p.GlobalBatch);
        if (p.PerDevice is { } d)
        {
            json.WritePropertyName("per_device"u8);
            Write(json, d);
        }
        if (p.Communication is { } c)
        {
            json.WriteStartObject("communication"u8);
            json.WriteNumber("gradient_bucket_bytes"u8, c.GradientBucketBytes);
            json.WriteNumber("gathered_param_bytes"u8, c.GatheredParamBytes);
            json.WriteNumber("reduce_scatter_bytes"u8, c.ReduceScatterBytes);
            json.WriteNumber("nccl_bytes"u8, c.NcclBytes);
            json.WriteEndObject();
        }
        if (p.Setup is { } s)
        {
            json.WritePropertyName("setup"u8);
            Write(json, s);
        }
        json.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter json, ParallelDeviceMemory d)
    {
        json.WriteStartObject();
        json.WriteNumber("param_bytes"u8, d.ParamBytes);
        json.WriteNumber("gradient_bytes"u8, d.GradientBytes);
        json.WriteNumber("optimizer_state_bytes"u8, d.OptimizerStateBytes);
        json.WriteNumber("activation_peak_bytes"u8, d.ActivationPeakBytes);
        json.WriteNumber("communication_buffer_bytes"u8, d.CommunicationBufferBytes);
        json.WriteNumber("total_bytes"u8, d.TotalBytes);
        json.WriteNumber("buffer_and_input_bytes"u8, d.BufferAndInputBytes);
        json.WriteNumber("step_temporary_bytes"u8, d.StepTemporaryBytes);
        json.WriteNumber("padding_elements"u8, d.PaddingElements);
        JsonFields.Number(json, "reserved_bytes"u8, d.ReservedBytes);
        json.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter json, ParallelSetup s)
    {
        json.WriteStartObject();
        json.WriteString("precision"u8, ParallelPrecisions.Name(s.Precision));
        JsonFields.Boolean(json, "gradient_as_bucket_view"u8, s.GradientAsBucketView);
        JsonFields.Number(json, "reduce_bucket_elements"u8, s.ReduceBucketElements);
        JsonFields.Boolean(json, "overlap_comm"u8, s.OverlapComm);
        JsonFields.Number(json, "persistence_threshold_elements"u8, s.PersistenceThresholdElements);
        JsonFields.Number(json, "persistent_params"u8, s.PersistentParams);
        JsonFields.Number(json, "fsdp_unit_depth"u8, s.FsdpUnitDepth);
        JsonFields.Boolean(json, "reshard_after_forward"u8, s.ReshardAfterForward);
        JsonFields.Number(json, "units"u8, s.Units);
        JsonFields.String(json, "largest_unit"u8, s.LargestUnit);
        JsonFields.Number(json, "largest_unit_bytes"u8, s.LargestUnitBytes);
        JsonFields.Number(json, "root_param_bytes"u8, s.RootParamBytes);
        json.WriteEndObject();
    }
}
