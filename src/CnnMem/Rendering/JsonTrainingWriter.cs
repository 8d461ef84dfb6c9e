using System.Runtime.CompilerServices;
using System.Text.Json;
using CnnMem.Reports;

namespace CnnMem.Rendering;

/// <summary>Writes <see cref="TrainingMemory"/> (memory.training) field by field in its declaration order; its rows, one per layer, are written as they come.</summary>
internal static class JsonTrainingWriter
{
    private static readonly JsonEncodedText Optimizer = JsonEncodedText.Encode("optimizer");
    private static readonly JsonEncodedText StaticBytes = JsonEncodedText.Encode("static_bytes");
    private static readonly JsonEncodedText SavedForBackwardBytes = JsonEncodedText.Encode("saved_for_backward_bytes");
    private static readonly JsonEncodedText ForwardPeakBytes = JsonEncodedText.Encode("forward_peak_bytes");
    private static readonly JsonEncodedText ForwardPeakAt = JsonEncodedText.Encode("forward_peak_at");
    private static readonly JsonEncodedText AfterForwardBytes = JsonEncodedText.Encode("after_forward_bytes");
    private static readonly JsonEncodedText BackwardPeakBytes = JsonEncodedText.Encode("backward_peak_bytes");
    private static readonly JsonEncodedText BackwardPeakAt = JsonEncodedText.Encode("backward_peak_at");
    private static readonly JsonEncodedText SteadyBackwardPeakBytes = JsonEncodedText.Encode("steady_backward_peak_bytes");
    private static readonly JsonEncodedText GradientBytes = JsonEncodedText.Encode("gradient_bytes");
    private static readonly JsonEncodedText OptimizerStateBytes = JsonEncodedText.Encode("optimizer_state_bytes");
    private static readonly JsonEncodedText OptimizerStepTemporaryBytes = JsonEncodedText.Encode("optimizer_step_temporary_bytes");
    private static readonly JsonEncodedText StepPeakBytes = JsonEncodedText.Encode("step_peak_bytes");
    private static readonly JsonEncodedText SteadyPeakBytes = JsonEncodedText.Encode("steady_peak_bytes");
    private static readonly JsonEncodedText Layers = JsonEncodedText.Encode("layers");
    private static readonly JsonEncodedText PersistentBytes = JsonEncodedText.Encode("persistent_bytes");
    private static readonly JsonEncodedText SteadyPeakTotalBytes = JsonEncodedText.Encode("steady_peak_total_bytes");
    private static readonly JsonEncodedText CheckpointEvery = JsonEncodedText.Encode("checkpoint_every");
    private static readonly JsonEncodedText CheckpointSavingsBytes = JsonEncodedText.Encode("checkpoint_savings_bytes");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText Op = JsonEncodedText.Encode("op");
    private static readonly JsonEncodedText KeptForBackwardBytes = JsonEncodedText.Encode("kept_for_backward_bytes");
    private static readonly JsonEncodedText ActivationGradientBytes = JsonEncodedText.Encode("activation_gradient_bytes");
    private static readonly JsonEncodedText ParamAndGradBytes = JsonEncodedText.Encode("param_and_grad_bytes");
    private static readonly JsonEncodedText RunningTotalBytes = JsonEncodedText.Encode("running_total_bytes");
    private static readonly JsonEncodedText WeightBytes = JsonEncodedText.Encode("weight_bytes");
    private static readonly JsonEncodedText WeightGradientBytes = JsonEncodedText.Encode("weight_gradient_bytes");

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Write(Utf8JsonWriter json, TrainingMemory t)
    {
        json.WriteStartObject();
        JsonFields.String(json, Optimizer, t.Optimizer);
        json.WriteNumber(StaticBytes, t.StaticBytes);
        json.WriteNumber(SavedForBackwardBytes, t.SavedForBackwardBytes);
        json.WriteNumber(ForwardPeakBytes, t.ForwardPeakBytes);
        JsonFields.String(json, ForwardPeakAt, t.ForwardPeakAt);
        json.WriteNumber(AfterForwardBytes, t.AfterForwardBytes);
        json.WriteNumber(BackwardPeakBytes, t.BackwardPeakBytes);
        JsonFields.String(json, BackwardPeakAt, t.BackwardPeakAt);
        json.WriteNumber(SteadyBackwardPeakBytes, t.SteadyBackwardPeakBytes);
        json.WriteNumber(GradientBytes, t.GradientBytes);
        json.WriteNumber(OptimizerStateBytes, t.OptimizerStateBytes);
        json.WriteNumber(OptimizerStepTemporaryBytes, t.OptimizerStepTemporaryBytes);
        json.WriteNumber(StepPeakBytes, t.StepPeakBytes);
        json.WriteNumber(SteadyPeakBytes, t.SteadyPeakBytes);
        json.WriteStartArray(Layers);
        foreach (var layer in t.Layers)
        {
            WriteLayer(json, layer);
        }
        json.WriteEndArray();
        json.WriteNumber(PersistentBytes, t.PersistentBytes);
        json.WriteNumber(SteadyPeakTotalBytes, t.SteadyPeakTotalBytes);
        json.WriteNumber(CheckpointEvery, t.CheckpointEvery);
        json.WriteNumber(CheckpointSavingsBytes, t.CheckpointSavingsBytes);
        json.WriteEndObject();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteLayer(Utf8JsonWriter json, TrainingLayerMemory l)
    {
        json.WriteStartObject();
        JsonFields.String(json, Name, l.Name);
        JsonFields.String(json, Op, l.Op);
        json.WriteNumber(KeptForBackwardBytes, l.KeptForBackwardBytes);
        json.WriteNumber(ActivationGradientBytes, l.ActivationGradientBytes);
        json.WriteNumber(ParamAndGradBytes, l.ParamAndGradBytes);
        json.WriteNumber(OptimizerStateBytes, l.OptimizerStateBytes);
        json.WriteNumber(RunningTotalBytes, l.RunningTotalBytes);
        json.WriteNumber(WeightBytes, l.WeightBytes);
        json.WriteNumber(WeightGradientBytes, l.WeightGradientBytes);
        json.WriteEndObject();
    }
}
