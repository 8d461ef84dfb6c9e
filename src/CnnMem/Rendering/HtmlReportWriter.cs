using System.Collections.Immutable;
using System.Text;
using CnnMem.Core;
using CnnMem.Rendering.Charts;
using CnnMem.Reports;

namespace CnnMem.Rendering;

/// <summary>
/// One self-contained HTML page (inline CSS and SVG; no script, no network fetch): the heading, the answer
/// (<see cref="Headline"/>), the charts (<see cref="SvgCharts"/>), the layer table, the summary sections with their notes,
/// the per-layer training table, grouped warnings and the unit note. Only formats report fields.
/// </summary>
public static class HtmlReportWriter
{
    private const string Css = """
        body{font-family:"DejaVu Sans",Verdana,Arial,sans-serif;margin:2em auto;max-width:1000px;color:#222;line-height:1.4;padding:0 1em}
        h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ddd}
        .setup{color:#555}.note{color:#555;font-size:.92em;margin:.2em 0 .6em}
        table{border-collapse:collapse;font-size:.88em;margin:.5em 0}td,th{padding:2px 8px;border-bottom:1px solid #eee;vertical-align:top}.scroll td,.scroll th,td:first-child{white-space:nowrap}
        th{text-align:left;background:#f4f4f4}.r{text-align:right;font-variant-numeric:tabular-nums}
        tfoot td{font-weight:bold;border-top:2px solid #999}
        .answer{background:#f3f8fc;border:1px solid #c7dcec;border-radius:6px;padding:.6em 1em}
        .answer td{border:none;font-size:1.05em;vertical-align:top}.answer td.r{font-weight:bold;white-space:normal;text-align:left}
        .chart{margin:1em 0}.chart svg{max-width:100%;height:auto;border:1px solid #eee}
        .scroll{overflow-x:auto}.warn{color:#8a5a00}
        """;

    /// <summary>
    /// The report as one self-contained HTML page (inline CSS and SVG charts, no script), sizes in <paramref name="units"/>;
    /// the per-layer training table is not included.
    /// </summary>
    public static string Write(AnalysisReport report, UnitSystem units) => Write(report, units, null);

    internal static string Write(AnalysisReport report, UnitSystem units, RenderOptions? view)
    {
        view ??= RenderOptions.Default;
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append("<title>cnnmem: ").Append(E(report.Model)).Append("</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n");
        sb.Append("<h1>").Append(E(report.Model)).Append("</h1>\n");
        sb.Append("<p class=\"setup\">Source <code>").Append(E(report.Source)).Append("</code>, batch ").Append(ByteFormat.Count(report.Batch))
          .Append(", ").Append(DTypes.Name(report.DType)).Append(", optimizer ").Append(Optimizers.Name(report.Optimizer))
          .Append(", layout ").Append(DisplayShapes.LayoutName(report.Layout)).Append(".</p>\n");

        if (Headline.Section(report, units) is { } headline)
        {
            sb.Append("<section class=\"answer\" id=\"answer\">\n");
            Section(sb, headline, "h2");
            sb.Append("</section>\n");
        }
        Charts(sb, report);
        if (!view.SummaryOnly)
        {
            LayerTable(sb, report, units, view);
        }
        var sections = SummaryBlock.Sections(report, units);
        foreach (var section in view.SummaryOnly ? sections.Take(1) : sections)
        {
            Section(sb, section, "h2");
        }
        if (!view.SummaryOnly && report.Memory.Training is { } training)
        {
            sb.Append("<h2>Training memory per layer (").Append(E(Optimizers.Name(training.Optimizer))).Append(")</h2>\n<div class=\"scroll\"><table>\n");
            var columns = TrainingLayerColumns.Create(CellStyle.Human, units);
            Head(sb, columns.Select(c => (c.Header, c.Align)));
            foreach (var row in training.Layers)
            {
                Cells(sb, columns.Select(c => (c.Get(row), c.Align)));
            }
            sb.Append("</table></div>\n<p class=\"note\">").Append(E(string.Join(" ", TrainingLayerColumns.Legend))).Append("</p>\n");
            if (TrainingLayerColumns.PeakNote(report, units) is { } peak)
            {
                sb.Append("<p class=\"note\" id=\"running-total\">").Append(E(peak)).Append("</p>\n");
            }
        }
        if (!report.Warnings.IsEmpty)
        {
            sb.Append("<h2>Warnings</h2>\n<ul class=\"warn\">\n");
            foreach (var w in WarningGroups.Lines(report.Warnings))
            {
                sb.Append("<li>").Append(E(w)).Append("</li>\n");
            }
            sb.Append("</ul>\n");
        }
        foreach (var note in SummaryBlock.Notes(report, units))
        {
            sb.Append("<p class=\"note\">").Append(E(note)).Append("</p>\n");
        }
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    private static void Charts(StringBuilder sb, AnalysisReport report)
    {
        var charts = ImmutableArray.Create(
            ("Per-layer memory", SvgCharts.PerLayerMemory(report)),
            ("Training-step timeline", SvgCharts.TrainingTimeline(report)),
            ("Memory against batch size", SvgCharts.MemoryVsBatch(report)));
        if (charts.All(c => c.Item2 is null))
        {
            return;
        }
        sb.Append("<h2>Charts</h2>\n");
        foreach (var (title, svg) in charts)
        {
            if (svg is not null)
            {
                sb.Append("<figure class=\"chart\" aria-label=\"").Append(E(title)).Append("\">\n").Append(svg).Append("</figure>\n");
            }
        }
    }

    private static void LayerTable(StringBuilder sb, AnalysisReport report, UnitSystem units, RenderOptions view)
    {
        var columns = LayerColumns.Create(report.Layout, CellStyle.Human, units, report.Totals.NonTrainableParams > 0);
        sb.Append("<h2>Layers</h2>\n<div class=\"scroll\"><table id=\"layers\">\n");
        Head(sb, columns.Select(c => (c.Header, c.Align)));
        var rows = view.Rows(report);
        foreach (var row in rows)
        {
            Cells(sb, columns.Select(c => (c.Get(row), c.Align)));
        }
        var total = ReportRows.Total(report);
        sb.Append("<tfoot>");
        Cells(sb, columns.Select(c => (c.Get(total), c.Align)));
        sb.Append("</tfoot>\n</table></div>\n<p class=\"note\">").Append(E(string.Join(" ", LayerColumns.Legend.AddRange(view.TableNotes(report, rows.Length))))).Append("</p>\n");
    }

    private static void Section(StringBuilder sb, SummarySection section, string tag)
    {
        sb.Append('<').Append(tag).Append('>').Append(E(section.Title)).Append("</").Append(tag).Append(">\n");
        if (section.Note is { } note)
        {
            sb.Append("<p class=\"note\">").Append(E(note)).Append("</p>\n");
        }
        sb.Append("<table>\n");
        foreach (var line in section.Lines)
        {
            Cells(sb, [(line.Label.Trim(), Align.Left), (line.Value, Align.Right)]);
        }
        sb.Append("</table>\n");
    }

    private static void Head(StringBuilder sb, IEnumerable<(string Text, Align Align)> cells)
    {
        sb.Append("<thead><tr>");
        foreach (var (text, align) in cells)
        {
            sb.Append(align == Align.Right ? "<th class=\"r\">" : "<th>").Append(E(text)).Append("</th>");
        }
        sb.Append("</tr></thead>\n");
    }

    private static void Cells(StringBuilder sb, IEnumerable<(string Text, Align Align)> cells)
    {
        sb.Append("<tr>");
        foreach (var (text, align) in cells)
        {
            sb.Append(align == Align.Right ? "<td class=\"r\">" : "<td>").Append(E(text)).Append("</td>");
        }
        sb.Append("</tr>\n");
    }

    private static string E(string text) => SvgWriter.Escape(text);
}
