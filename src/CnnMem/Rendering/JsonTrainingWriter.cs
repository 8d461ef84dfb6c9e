using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CnnMem.Core;
using CnnMem.Reports;

namespace CnnMem.Rendering;

/// <summary>Writes <see cref="TrainingMemory"/> (memory.training) field by field in its declaration order; its rows, one per layer, are written as they come.</summary>
internal static class JsonTrainingWriter
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Write(Utf8JsonWriter json, TrainingMemory t)
    {
        json.WriteStartObject();
        json.WriteString("optimizer"u8, Optimizers.Name(t.Optimizer));
        json.WriteNumber("static_bytes"u8, t.StaticBytes);
        json.WriteNumber("saved_for_backward_bytes"u8, t.SavedForBackwardBytes);
        json.WriteNumber("forward_peak_bytes"u8, t.ForwardPeakBytes);
        JsonFields.String(json, "forward_peak_at"u8, t.ForwardPeakAt);
        json.WriteNumber("after_forward_bytes"u8, t.AfterForwardBytes);
        json.WriteNumber("backward_peak_bytes"u8, t.BackwardPeakBytes);
        JsonFields.String(json, "backward_peak_at"u8, t.BackwardPeakAt);
        json.WriteNumber("steady_backward_peak_bytes"u8, t.SteadyBackwardPeakBytes);
        json.WriteNumber("gradient_bytes"u8, t.GradientBytes);
        json.WriteNumber("optimizer_state_bytes"u8, t.OptimizerStateBytes);
        json.WriteNumber("optimizer_step_temporary_bytes"u8, t.OptimizerStepTemporaryBytes);
        json.WriteNumber("step_peak_bytes"u8, t.StepPeakBytes);
        json.WriteNumber("steady_peak_bytes"u8, t.SteadyPeakBytes);
        json.WriteStartArray("layers"u8);
        WriteLayers(json, t.Layers);
        json.WriteEndArray();
        json.WriteNumber("persistent_bytes"u8, t.PersistentBytes);
        json.WriteNumber("steady_peak_total_bytes"u8, t.SteadyPeakTotalBytes);
        json.WriteNumber("checkpoint_every"u8, t.CheckpointEvery);
        json.WriteNumber("checkpoint_savings_bytes"u8, t.CheckpointSavingsBytes);
        json.WriteEndObject();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteLayers(Utf8JsonWriter json, ImmutableArray<TrainingLayerMemory> layers)
    {
        var row = new JsonRowWriter();
        foreach (var l in layers)
        {
            row.StartRow(json);
            row.String("name"u8, l.Name);
            row.String("op"u8, l.Op);
            row.Number("kept_for_backward_bytes"u8, l.KeptForBackwardBytes);
            row.Number("activation_gradient_bytes"u8, l.ActivationGradientBytes);
            row.Number("param_and_grad_bytes"u8, l.ParamAndGradBytes);
            row.Number("optimizer_state_bytes"u8, l.OptimizerStateBytes);
            row.Number("running_total_bytes"u8, l.RunningTotalBytes);
            row.Number("weight_bytes"u8, l.WeightBytes);
            row.Number("weight_gradient_bytes"u8, l.WeightGradientBytes);
            row.EndRow(json);
        }
    }
}
