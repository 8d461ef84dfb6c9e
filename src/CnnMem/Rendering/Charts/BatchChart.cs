using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Reports;

namespace CnnMem.Rendering.Charts;

/// <summary>
/// Memory against batch size (<see cref="BatchSweep"/>): inference and training-step curves, a dashed line per GPU with
/// the largest batch that fits each mode marked on it, and the report's batch as a dotted vertical line.
/// </summary>
internal static class BatchChart
{
    public static Chart? Build(AnalysisReport report)
    {
        if (report.Memory.BatchSweep is not { } sweep || sweep.Points.IsEmpty)
        {
            return null;
        }
        var points = sweep.Points;
        var c = new ChartBuilder(960, 580, 80, 90, 150, 84);
        var budgeted = points.Any(p => p.InferenceUnconstrainedBytes is not null);
        Frame(c, report, sweep, budgeted);

        var bx = c.PX(report.Batch);
        c.Line(bx, c.Top, bx, c.Bottom, ChartPalette.Axis, 1, dashed: true);
        c.Text(bx + 4, c.Top + 14, $"batch {ByteFormat.Count(report.Batch)}", 11.5, color: ChartPalette.Axis);

        var offChart = new List<string>();
        foreach (var d in sweep.Devices)
        {
            DeviceLine(c, d, points, budgeted, offChart);
        }
        if (budgeted)
        {
            Thin(c, points.Where(p => p.TrainingUnconstrainedBytes is not null).Select(p => (p.Batch, p.TrainingUnconstrainedBytes!.Value)).ToList(), ChartPalette.Vermillion);
            Thin(c, points.Select(p => (p.Batch, p.InferenceUnconstrainedBytes!.Value)).ToList(), ChartPalette.Blue);
        }
        else if (sweep.Backend == Backend.Cuda && sweep.Devices.Length > 0)
        {
            offChart.Add("solid along a GPU line: batches that still run under its budget (the allocator frees its cache, cuDNN takes smaller workspaces)");
        }
        Curve(c, points.Where(p => p.TrainingBytes is not null).Select(p => (p.Batch, p.TrainingBytes!.Value)).ToList(), ChartPalette.Vermillion, "training");
        Curve(c, points.Select(p => (p.Batch, p.InferenceBytes)).ToList(), ChartPalette.Blue, "inference");
        if (offChart.Count > 0)
        {
            c.Text(c.Left, c.Bottom + 68, string.Join("; ", offChart), 11.5, color: ChartPalette.Axis);
        }
        return c.Build("memory-vs-batch", "Memory against batch size");
    }

    /// <summary>The header with the setup and what the curves are, and the axes scaled to the largest figure and batch.</summary>
    private static void Frame(ChartBuilder c, AnalysisReport report, BatchSweep sweep, bool budgeted)
    {
        var points = sweep.Points;
        var note = sweep.Backend != Backend.Cuda ? "CPU model: no CUDA context or rounding (use --backend cuda for GPU figures)"
            : budgeted ? $"CUDA: memory under the {sweep.Devices[0].Name} budget, as fit decides it; thin: unconstrained"
            : "CUDA: context and allocator rounding included; curves unconstrained";
        c.Header("Memory against batch size", $"{report.Model}, {(report.Memory.Training is { } trainingStep ? Optimizers.Name(trainingStep.Optimizer) : "inference only")}, {FrameworkSummary.FrameworkName(report.Memory)}; {note}",
            [("training step", ChartPalette.Vermillion), ("inference", ChartPalette.Blue), ("GPU memory (dashed), with the largest batch that fits", ChartPalette.Axis)]);
        var maxBytes = Math.Max(points.Max(p => Math.Max(p.InferenceBytes, p.TrainingBytes ?? 0)), sweep.Devices.IsEmpty ? 0 : sweep.Devices.Max(d => d.Bytes));
        maxBytes = Math.Max(maxBytes, points.Max(p => Math.Max(p.InferenceUnconstrainedBytes ?? 0, p.TrainingUnconstrainedBytes ?? 0)));
        var (divisor, unit) = Scale.ByteUnit(maxBytes);
        var y = Scale.Nice(0, maxBytes * 1.05 / divisor);
        c.Y = new Scale(0, y.Max * divisor, y.Step * divisor);
        var maxBatch = points.Max(p => p.Batch);
        c.X = Scale.Nice(0, maxBatch);
        c.YAxis(divisor, $"memory ({unit}, 1 {unit} = {PerLayerChart.UnitPower(unit)} bytes)", "batch size");
        c.XTicks();
    }

    /// <summary>A GPU's dashed line with its label, the batches that still run under it, and its largest batches marked.</summary>
    private static void DeviceLine(ChartBuilder c, DeviceFit d, ImmutableArray<BatchSweepPoint> points, bool budgeted, List<string> offChart)
    {
        var dy = c.PY(d.Bytes);
        c.Line(c.Left, dy, c.Right, dy, ChartPalette.Axis, 1.5, dashed: true);
        c.Text(c.Right + 6, dy + 4, $"{d.Name} {ByteFormat.Bytes(d.Bytes, UnitSystem.Iec)}", 11.5);
        var beyond = new List<string>();
        if (!budgeted)
        {
            UnderBudget(c, points.Where(p => p.TrainingBytes is not null).Select(p => (p.Batch, p.TrainingBytes!.Value)).ToList(), d.Bytes, d.MaxTrainingBatch, ChartPalette.Vermillion);
            UnderBudget(c, points.Select(p => (p.Batch, p.InferenceBytes)).ToList(), d.Bytes, d.MaxInferenceBatch, ChartPalette.Blue);
        }
        Mark(c, d.MaxTrainingBatch, dy, "train", ChartPalette.Vermillion, beyond, offChart, d.Name);
        Mark(c, d.MaxInferenceBatch, dy, "inf.", ChartPalette.Blue, beyond, offChart, d.Name);
        for (var i = 0; i < beyond.Count; i++)
        {
            // the largest batch beyond the x axis: said under the GPU's label, in the mode's colour
            c.Text(c.Right + 6, dy + 18 + (i * 13), beyond[i], 10.5, color: beyond[i].StartsWith("inf", StringComparison.Ordinal) ? ChartPalette.Blue : ChartPalette.Vermillion);
        }
    }

    /// <summary>A marker where a mode's largest fitting batch meets the GPU line, or a note when it is off the axis.</summary>
    private static void Mark(ChartBuilder c, long? batch, double y, string mode, string color, List<string> beyond, List<string> offChart, string device)
    {
        if (batch is not { } b)
        {
            return;
        }
        if (b == 0)
        {
            offChart.Add($"{mode} does not fit {device} at batch 1");
            return;
        }
        if (b > c.X.Max)
        {
            beyond.Add($"{mode} up to {ByteFormat.Count(b)} \u2192");
            return;
        }
        var x = c.PX(b);
        c.Line(x, y - 7, x, y + 7, color, 2.5);
        c.Text(x - 4, y - 9, $"{mode} {ByteFormat.Count(b)}", 11.5, TextAnchor.End, bold: true, color: color);
    }

    /// <summary>
    /// Without a device the curve is unconstrained: where it crosses a GPU line before that GPU's largest batch, the
    /// batches between still run under the budget, drawn along the line from the crossing to the marker.
    /// </summary>
    private static void UnderBudget(ChartBuilder c, List<(long Batch, long Bytes)> points, long budget, long? max, string color)
    {
        if (max is not { } m || m <= 0)
        {
            return;
        }
        for (var i = 1; i < points.Count; i++)
        {
            var (b0, y0) = points[i - 1];
            var (b1, y1) = points[i];
            if (y0 <= budget && y1 > budget)
            {
                var cross = b0 + ((double)(budget - y0) / (y1 - y0) * (b1 - b0));
                var end = Math.Min(m, c.X.Max);
                if (end > cross)
                {
                    c.Line(c.PX(cross), c.PY(budget), c.PX(end), c.PY(budget), color, 2.5);
                }
                return;
            }
        }
    }

    private static void Thin(ChartBuilder c, List<(long Batch, long Bytes)> points, string color)
    {
        if (points.Count > 0)
        {
            c.Polyline(points.Select(p => (c.PX(p.Batch), c.PY(p.Bytes))), color, 1);
        }
    }

    private static void Curve(ChartBuilder c, List<(long Batch, long Bytes)> points, string color, string name)
    {
        if (points.Count == 0)
        {
            return;
        }
        c.Polyline(points.Select(p => (c.PX(p.Batch), c.PY(p.Bytes))), color, 2.5);
        foreach (var (b, bytes) in points)
        {
            c.Circle(c.PX(b), c.PY(bytes), 3.5, color, $"{name}, batch {ByteFormat.Count(b)}: {ByteFormat.Bytes(bytes, UnitSystem.Si)}");
        }
    }
}
