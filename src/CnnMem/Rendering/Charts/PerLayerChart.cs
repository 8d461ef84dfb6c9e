using CnnMem.Graphs;
using CnnMem.Core;
using CnnMem.Reports;

namespace CnnMem.Rendering.Charts;

/// <summary>
/// Per-layer training memory as stacked bars, one per layer with any bytes, in forward order: kept for backward,
/// activation gradient, weights, weight gradients, optimizer state (the fields of <see cref="TrainingLayerMemory"/>).
/// </summary>
internal static class PerLayerChart
{
    private static readonly (string Label, string Color, Func<TrainingLayerMemory, long> Get)[] Parts =
    [
        ("saved for backward", ChartPalette.Blue, l => l.KeptForBackwardBytes),
        ("activation gradient", ChartPalette.Orange, l => l.ActivationGradientBytes),
        ("weights", ChartPalette.Green, l => l.WeightBytes),
        ("weight gradients", ChartPalette.Sky, l => l.WeightGradientBytes),
        ("optimizer state", ChartPalette.Purple, l => l.OptimizerStateBytes),
    ];

    public static Chart? Build(AnalysisReport report)
    {
        if (report.Memory.Training is not { } training)
        {
            return null;
        }
        var layers = training.Layers.Where(l => Parts.Any(p => p.Get(l) > 0)).ToList();
        if (layers.Count == 0)
        {
            return null;
        }
        var c = new ChartBuilder(960, 600, 80, 90, 24, 150);
        c.Header("Training memory per layer", $"{report.Model}, batch {ByteFormat.Count(report.Batch)}, {Optimizers.Name(training.Optimizer)}: what each layer adds to a training step ({FrameworkSummary.FrameworkName(report.Memory)}, {FrameworkSummary.Backend(report.Memory)})",
            Parts.Select(p => (p.Label, p.Color)).ToList());
        var max = layers.Max(l => Parts.Sum(p => (double)p.Get(l)));
        var (divisor, unit) = Scale.ByteUnit(max);
        c.Y = Scale.Nice(0, max / divisor) is var s ? new Scale(0, s.Max * divisor, s.Step * divisor) : c.Y;
        c.X = new Scale(0, layers.Count, 1);
        c.YAxis(divisor, $"memory ({unit}, 1 {unit} = {UnitPower(unit)} bytes)", "layers in forward order (module path)", 138);

        var slot = c.PlotWidth / layers.Count;
        var barWidth = Math.Max(1, slot * 0.8);
        var every = (int)Math.Ceiling(layers.Count / 40.0);
        for (var i = 0; i < layers.Count; i++)
        {
            var l = layers[i];
            var name = ModulePath.Of(l.Name, l.Op);
            double stacked = 0;
            foreach (var (label, color, get) in Parts)
            {
                var v = get(l);
                if (v <= 0)
                {
                    continue;
                }
                var y0 = c.PY(stacked);
                stacked += v;
                var y1 = c.PY(stacked);
                c.Rect(c.Left + (i * slot) + ((slot - barWidth) / 2), y1, barWidth, Math.Max(0.5, y0 - y1), color, $"{name} ({l.Op}): {label} {ByteFormat.Bytes(v, UnitSystem.Si)}");
            }
            if (i % every == 0)
            {
                var x = c.Left + ((i + 0.5) * slot);
                c.Line(x, c.Bottom, x, c.Bottom + 4, ChartPalette.Axis);
                c.Text(x + 3, c.Bottom + 12, Short(name, 24), 10, TextAnchor.End, rotate: -45);
            }
        }
        return c.Build("per-layer-memory", "Training memory per layer");
    }

    internal static string UnitPower(string unit) => unit switch
    {
        "kB" => "10^3",
        "MB" => "10^6",
        "GB" => "10^9",
        "TB" => "10^12",
        _ => "1",
    };

    internal static string Short(string text, int max) => text.Length <= max ? text : text[..((max - 2) / 3)] + ".." + text[^(max - 2 - ((max - 2) / 3))..];
}
