using CnnMem.Graphs;
using CnnMem.Core;
using CnnMem.Reports;

namespace CnnMem.Rendering.Charts;

/// <summary>
/// The training step's memory timeline (<see cref="MemoryTimeline"/>): allocated bytes op by op over forward, loss,
/// backward and the optimizer step, the phases shaded, the always-allocated base dashed, the peak and its op marked.
/// </summary>
internal static class TimelineChart
{
    private static readonly Dictionary<string, (string Color, string Label)> Phases = new(StringComparer.Ordinal)
    {
        ["forward"] = (ChartPalette.Sky, "forward"),
        ["backward"] = (ChartPalette.Orange, "backward"),
        ["optimizer"] = (ChartPalette.Green, "optimizer"),
    };

    public static Chart? Build(AnalysisReport report)
    {
        if (report.Memory.Timeline is not { } timeline || timeline.Steps.IsEmpty)
        {
            return null;
        }
        var steps = timeline.Steps;
        var c = new ChartBuilder(960, 540, 80, 90, 24, 60);
        c.Header("Memory timeline of a training step", $"{report.Model}, batch {ByteFormat.Count(report.Batch)}, {(report.Memory.Training is { } trainingStep ? Optimizers.Name(trainingStep.Optimizer) : "")}: allocated bytes op by op, steady state ({FrameworkSummary.FrameworkName(report.Memory)}, {FrameworkSummary.Backend(report.Memory)})",
            [("allocated", ChartPalette.Blue), ("forward", ChartPalette.Sky), ("backward", ChartPalette.Orange), ("optimizer step", ChartPalette.Green), ("static + gradients + optimizer state", ChartPalette.Axis)]);
        var peak = timeline.Peak;
        var (divisor, unit) = Scale.ByteUnit(peak.AllocatedBytes);
        var y = Scale.Nice(0, peak.AllocatedBytes * 1.12 / divisor);
        c.Y = new Scale(0, y.Max * divisor, y.Step * divisor);
        var x = Scale.Nice(0, Math.Max(1, steps.Length - 1));
        c.X = x with { Max = Math.Max(1, steps.Length - 1), Step = Math.Max(1, Math.Round(x.Step)) }; // whole steps only

        for (var i = 0; i < steps.Length;)
        {
            var end = i;
            while (end + 1 < steps.Length && steps[end + 1].Phase == steps[i].Phase)
            {
                end++;
            }
            var (color, _) = Phases.GetValueOrDefault(steps[i].Phase, (ChartPalette.Grid, steps[i].Phase));
            var x0 = Math.Max(c.Left, c.PX(i - 0.5));
            var x1 = Math.Min(c.Right, c.PX(end + 0.5));
            c.Rect(x0, c.Top, Math.Max(1, x1 - x0), c.PlotHeight, color, $"{steps[i].Phase}: steps {i} to {end}", opacity: 0.15);
            i = end + 1;
        }
        c.YAxis(divisor, $"allocated memory ({unit}, 1 {unit} = {PerLayerChart.UnitPower(unit)} bytes)", "step: forward ops, the loss, backward ops, the optimizer step");
        foreach (var t in c.X.Ticks())
        {
            c.Line(c.PX(t), c.Bottom, c.PX(t), c.Bottom + 5, ChartPalette.Axis);
            c.Text(c.PX(t), c.Bottom + 20, Scale.Label(t), 12, TextAnchor.Middle);
        }
        c.Line(c.Left, c.PY(timeline.BaseBytes), c.Right, c.PY(timeline.BaseBytes), ChartPalette.Axis, 1.5, dashed: true);
        // under the dashed line, where the curve (never below the base) cannot be
        c.Text(c.Left + 6, c.PY(timeline.BaseBytes) + 16, $"base {ByteFormat.Bytes(timeline.BaseBytes, UnitSystem.Si)}: static tensors, gradients, optimizer state", 11.5, color: ChartPalette.Axis);
        c.Polyline(steps.Select(s => (c.PX(s.Index), c.PY(s.AllocatedBytes))), ChartPalette.Blue, 2);

        var px = c.PX(peak.Index);
        var py = c.PY(peak.AllocatedBytes);
        c.Circle(px, py, 5, ChartPalette.Vermillion, $"peak at step {peak.Index}");
        var label = $"peak {ByteFormat.Bytes(peak.AllocatedBytes, UnitSystem.Si)} at {ModulePath.Of(peak.Name, "")} ({peak.Phase})";
        var anchor = px > c.Left + (c.PlotWidth / 2) ? TextAnchor.End : TextAnchor.Start;
        c.Text(anchor == TextAnchor.End ? px - 10 : px + 10, Math.Max(c.Top + 14, py - 10), label, 13, anchor, bold: true, color: ChartPalette.Vermillion);
        return c.Build("training-timeline", "Memory timeline of a training step");
    }
}
