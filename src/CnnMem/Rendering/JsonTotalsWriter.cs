using System.Text.Json;
using CnnMem.Reports;
using CnnMem.Pipeline;

namespace CnnMem.Rendering;

/// <summary>Writes the report's <see cref="ReportSummary"/> ("summary") and <see cref="Totals"/> ("totals") in declaration order.</summary>
internal static class JsonTotalsWriter
{
    public static void Write(Utf8JsonWriter json, ReportSummary s)
    {
        json.WriteStartObject();
        json.WriteNumber("inference_bytes"u8, s.InferenceBytes);
        JsonFields.Number(json, "training_step_bytes"u8, s.TrainingStepBytes);
        json.WriteNumber("params"u8, s.Params);
        json.WriteNumber("macs"u8, s.Macs);
        JsonFields.String(json, "basis"u8, SummaryBases.Name(s.Basis));
        JsonFields.String(json, "device"u8, s.Device);
        JsonFields.Number(json, "device_bytes"u8, s.DeviceBytes);
        JsonFields.Boolean(json, "fits_inference"u8, s.FitsInference);
        JsonFields.Boolean(json, "fits_training"u8, s.FitsTraining);
        JsonFields.Number(json, "max_inference_batch"u8, s.MaxInferenceBatch);
        JsonFields.Number(json, "max_training_batch"u8, s.MaxTrainingBatch);
        JsonBudgetWriter.Write(json, "inference_under_budget"u8, s.InferenceUnderBudget);
        JsonBudgetWriter.Write(json, "training_under_budget"u8, s.TrainingUnderBudget);
        json.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter json, Totals t)
    {
        json.WriteStartObject();
        json.WriteNumber("params"u8, t.Params);
        json.WriteNumber("trainable_params"u8, t.TrainableParams);
        json.WriteNumber("buffer_elements"u8, t.BufferElements);
        json.WriteNumber("param_bytes"u8, t.ParamBytes);
        json.WriteNumber("buffer_bytes"u8, t.BufferBytes);
        json.WriteNumber("activation_elements_per_sample"u8, t.ActivationElementsPerSample);
        json.WriteNumber("activation_elements"u8, t.ActivationElements);
        json.WriteNumber("macs"u8, t.Macs);
        json.WriteNumber("flops"u8, t.Flops);
        json.WriteNumber("non_trainable_params"u8, t.NonTrainableParams);
        json.WriteBoolean("is_lower_bound"u8, t.IsLowerBound);
        json.WriteEndObject();
    }
}
