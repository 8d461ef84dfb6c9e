using System.Collections.Immutable;
using CnnMem.Reports;

namespace CnnMem.Rendering;

/// <summary>
/// The per-layer training memory table's columns (--per-layer), declared once for the console table, CSV and
/// Markdown. Keys are the JSON field names of <see cref="TrainingLayerMemory"/>.
/// </summary>
internal static class TrainingLayerColumns
{
    public static ImmutableArray<Column<TrainingLayerMemory>> Create(CellStyle style, UnitSystem units)
    {
        var human = style == CellStyle.Human;
        string Bytes(long n) => human ? ByteFormat.Bytes(n, units) : ByteFormat.Raw(n);
        return ImmutableArray.Create<Column<TrainingLayerMemory>>(
            new("Layer", "name", Align.Left, r => r.Name),
            new("Op", "op", Align.Left, r => r.Op),
            new("Kept for backward", "kept_for_backward_bytes", Align.Right, r => Bytes(r.KeptForBackwardBytes)),
            new("Activation grad", "activation_gradient_bytes", Align.Right, r => Bytes(r.ActivationGradientBytes)),
            new("Params + grads", "param_and_grad_bytes", Align.Right, r => Bytes(r.ParamAndGradBytes)),
            new("Optimizer state", "optimizer_state_bytes", Align.Right, r => Bytes(r.OptimizerStateBytes)),
            new("Running total", "running_total_bytes", Align.Right, r => Bytes(r.RunningTotalBytes)));
    }

    /// <summary>
    /// The CSV's columns: the layer column is <c>layer</c>, as in the layer table's CSV; <c>name</c>, its header before,
    /// stays as the last column (the same value) so scripts that read it by header keep working, and column 0 keeps its value.
    /// </summary>
    public static ImmutableArray<Column<TrainingLayerMemory>> Csv()
    {
        var columns = Create(CellStyle.Raw, UnitSystem.Si);
        return columns.SetItem(0, columns[0] with { Key = "layer" }).Add(columns[0]);
    }

    /// <summary>
    /// The running total against the peak, in words: the total adds every row as if all were held at once, so it ends
    /// above the step's peak (the answer), which frees activation gradients and saved activations as backward runs.
    /// </summary>
    public static string? PeakNote(AnalysisReport report, UnitSystem units)
    {
        if (report.Memory.Training is not { Layers.IsEmpty: false } t)
        {
            return null;
        }
        var end = t.Layers[^1].RunningTotalBytes;
        var peak = report.Summary?.TrainingStepBytes ?? t.SteadyPeakTotalBytes;
        return $"The running total is not memory held at one time: it ends at {ByteFormat.Bytes(end, units)}, while the training step's peak, the answer, is "
            + $"{ByteFormat.Bytes(peak, units)}: backward frees each activation gradient and each saved activation once it has used them, "
            + "so they are never all alive together. The column says which layers the bytes come from.";
    }

    /// <summary>The sentences under the table: what each row charges to its layer (lines short enough not to wrap).</summary>
    public static ImmutableArray<string> Legend { get; } = ImmutableArray.Create(
        "Per layer: bytes it first keeps for backward, the activation gradient its backward allocates,",
        "its parameters and their gradients, its optimizer state. Running total: these summed down to this layer.");
}
