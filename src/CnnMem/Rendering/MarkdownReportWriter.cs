using System.Text;
using CnnMem.Core;
using CnnMem.Reports;

namespace CnnMem.Rendering;

/// <summary>
/// A Markdown page: a heading with the setup, the layer table (same columns as the console) with its
/// totals row, the summary sections as two-column tables, the per-layer training table when asked, warnings and
/// the unit note.
/// </summary>
public static class MarkdownReportWriter
{
    /// <summary>The layer table and summary sections as Markdown, sizes in <paramref name="units"/>; with <paramref name="perLayer"/>, the per-layer training table too.</summary>
    public static string Write(AnalysisReport report, UnitSystem units, bool perLayer = false) =>
        Write(report, units, RenderOptions.Default with { PerLayer = perLayer });

    internal static string Write(AnalysisReport report, UnitSystem units, RenderOptions view)
    {
        var sb = new StringBuilder();
        sb.Append("# ").Append(Escape(report.Model)).Append("\n\n");
        sb.Append($"Source `{report.Source}`, batch {ByteFormat.Count(report.Batch)}, {DTypes.Name(report.DType)}, optimizer {Optimizers.Name(report.Optimizer)}, layout {DisplayShapes.LayoutName(report.Layout)}.\n\n");

        if (Headline.Section(report, units) is { } headline)
        {
            Section(sb, headline);
        }
        Charts(sb, view);
        var sections = SummaryBlock.Sections(report, units);
        if (view.SummaryOnly)
        {
            Section(sb, sections[0]);
            Notes(sb, report, units);
            return sb.ToString();
        }

        LayerTable(sb, report, units, view);
        foreach (var section in sections)
        {
            Section(sb, section);
        }
        if (view.PerLayer && report.Memory.Training is { } training)
        {
            TrainingTable(sb, report, training, units);
        }
        Warnings(sb, report);
        Notes(sb, report, units);
        return sb.ToString();
    }

    private static void Charts(StringBuilder sb, RenderOptions view)
    {
        if (view.Charts.IsDefaultOrEmpty)
        {
            return;
        }
        sb.Append("## Charts\n\n");
        foreach (var (title, path) in view.Charts)
        {
            sb.Append("![").Append(Escape(title)).Append("](").Append(path.Replace(" ", "%20", StringComparison.Ordinal)).Append(")\n\n");
        }
    }

    /// <summary>The layer table (the view's rows), its totals row and its legend.</summary>
    private static void LayerTable(StringBuilder sb, AnalysisReport report, UnitSystem units, RenderOptions view)
    {
        var columns = LayerColumns.Create(report.Layout, CellStyle.Human, units, report.Totals.NonTrainableParams > 0);
        Row(sb, columns.Select(c => c.Header));
        Row(sb, columns.Select(c => c.Align == Align.Right ? "---:" : ":---"));
        var rows = view.Rows(report);
        foreach (var row in rows)
        {
            Row(sb, columns.Select(c => c.Get(row)));
        }
        var total = ReportRows.Total(report);
        Row(sb, columns.Select(c => c.Get(total) is { Length: > 0 } s ? $"**{s}**" : ""));
        sb.Append('\n').Append(string.Join(" ", LayerColumns.Legend.AddRange(view.TableNotes(report, rows.Length)))).Append("\n\n");
    }

    private static void TrainingTable(StringBuilder sb, AnalysisReport report, TrainingMemory training, UnitSystem units)
    {
        sb.Append("## Training memory per layer (").Append(Escape(Optimizers.Name(training.Optimizer))).Append(")\n\n");
        var trainingColumns = TrainingLayerColumns.Create(CellStyle.Human, units);
        Row(sb, trainingColumns.Select(c => c.Header));
        Row(sb, trainingColumns.Select(c => c.Align == Align.Right ? "---:" : ":---"));
        foreach (var row in training.Layers)
        {
            Row(sb, trainingColumns.Select(c => c.Get(row)));
        }
        sb.Append('\n').Append(string.Join(" ", TrainingLayerColumns.Legend)).Append("\n\n");
        if (TrainingLayerColumns.PeakNote(report, units) is { } peak)
        {
            sb.Append(Escape(peak)).Append("\n\n");
        }
    }

    private static void Warnings(StringBuilder sb, AnalysisReport report)
    {
        if (report.Warnings.IsEmpty)
        {
            return;
        }
        sb.Append("## Warnings\n\n");
        foreach (var w in WarningGroups.Lines(report.Warnings))
        {
            sb.Append("- ").Append(Escape(w)).Append('\n');
        }
        sb.Append('\n');
    }

    private static void Notes(StringBuilder sb, AnalysisReport report, UnitSystem units)
    {
        foreach (var note in SummaryBlock.Notes(report, units))
        {
            sb.Append(note).Append('\n');
        }
    }

    private static void Section(StringBuilder sb, SummarySection section)
    {
        sb.Append("## ").Append(Escape(section.Title)).Append("\n\n");
        if (section.Note is { } note)
        {
            sb.Append(Escape(note)).Append("\n\n");
        }
        Row(sb, ["", ""]);
        Row(sb, [":---", "---:"]);
        foreach (var line in section.Lines)
        {
            Row(sb, [line.Label.Trim(), line.Value]);
        }
        sb.Append('\n');
    }

    private static void Row(StringBuilder sb, IEnumerable<string> cells) =>
        sb.Append("| ").Append(string.Join(" | ", cells.Select(Escape))).Append(" |\n");

    /// <summary>A pipe would end the cell: backslash-escape it; keep cells on one line.</summary>
    private static string Escape(string text) =>
        text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
