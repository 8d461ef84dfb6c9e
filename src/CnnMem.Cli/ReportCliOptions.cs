using System.CommandLine;
using CnnMem.Memory.Profiles;

namespace CnnMem.Cli;

/// <summary>
/// The analyze command's presentation options (--device, --summary, --group, --depth, --show-constants, --charts, --chart-format),
/// declared once and applied to <see cref="AnalyzeSettings"/> with their checks.
/// </summary>
internal sealed class ReportCliOptions
{
    private readonly Option<string?> device = new("--device")
    {
        HelpName = "GPU",
        Description = $"A GPU for the answer: whether this batch fits and the largest that does (implies --backend cuda unless given): {string.Join(", ", DeviceTable.Devices.Keys)}.",
    };

    private readonly Option<bool> summary = new("--summary") { Description = "Print only the answer and the totals." };

    private readonly Option<bool> group = new("--group") { Description = "Fold each convolution (or linear layer) with its normalization and activation into one table row." };

    private readonly Option<int?> depth = new("--depth") { HelpName = "N", Description = "Fold layers whose module path (layer1.0.conv1) is deeper than N into one row per module." };

    private readonly Option<bool> showConstants = new("--show-constants") { Description = "Show the Constant rows (shape constants, axes, scales) in the layer table; hidden by default, as they hold no parameters and add to no total. JSON and CSV always list every layer." };

    private readonly Option<string?> charts = new("--charts") { HelpName = "DIR", Description = "Write the charts into DIR: per-layer memory, the training-step timeline, memory against batch size." };

    private readonly Option<string> chartFormat = new("--chart-format") { Description = "Chart files: svg (default) or png.", DefaultValueFactory = _ => "svg" };

    public ReportCliOptions() => chartFormat.AcceptOnlyFromAmong("svg", "png");

    public IEnumerable<Option> All => [device, summary, group, depth, showConstants, charts, chartFormat];

    /// <summary>Checks the values and sets them on <paramref name="settings"/>; --device on a default backend switches it to cuda.</summary>
    public AnalyzeSettings Apply(AnalyzeSettings settings, ParseResult r, bool backendGiven)
    {
        // a common name (h100, rtx 4090) becomes the table's; an unknown or ambiguous one fails here, naming the choices
        var gpu = r.GetValue(device) is { } given ? DeviceTable.Resolve(given) : null;
        var d = r.GetValue(depth);
        if (d is < 1)
        {
            throw new CnnMemException($"--depth expects a whole number of at least 1 (module path components), found {d}");
        }
        if (d is not null && r.GetValue(group))
        {
            throw new CnnMemException("--group and --depth fold the rows in different ways; give one of them");
        }
        return settings with
        {
            Device = gpu,
            Memory = gpu is not null && !backendGiven ? settings.Memory with { Backend = Backend.Cuda } : settings.Memory,
            SummaryOnly = r.GetValue(summary),
            Group = r.GetValue(group),
            Depth = d,
            ShowConstants = r.GetValue(showConstants),
            ChartsDir = r.GetValue(charts),
            ChartFormat = r.GetValue(chartFormat) ?? "svg",
        };
    }
}
