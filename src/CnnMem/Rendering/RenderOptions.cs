using System.Collections.Immutable;
using CnnMem.Reports;

namespace CnnMem.Rendering;

/// <summary>
/// What a human-readable rendering shows besides the defaults: the per-layer training table, only the headline and
/// totals (<c>--summary</c>), and chart files to link (Markdown). Folded layer rows (<c>--group</c>, <c>--depth</c>) come
/// with the report (<see cref="AnalysisReport.Groups"/>).
/// </summary>
internal sealed record RenderOptions
{
    public static RenderOptions Default { get; } = new();

    public bool PerLayer { get; init; }

    public bool SummaryOnly { get; init; }

    /// <summary>Chart files written beside the report (relative paths or names), with a title each.</summary>
    public ImmutableArray<(string Title, string Path)> Charts { get; init; } = [];

    /// <summary>Show the Constant rows (<c>--show-constants</c>); hidden by default: they hold no parameters and add to no column's total.</summary>
    public bool ShowConstants { get; init; }

    /// <summary>Rows of the layer table above which its notes suggest a shorter view.</summary>
    public const int LongTable = 200;

    /// <summary>The rows shown: one per input and layer (or folded group), without the Constant rows unless asked for.</summary>
    public ImmutableArray<TableRow> Rows(AnalysisReport report)
    {
        var rows = ReportRows.Shown(report);
        return ShowConstants ? rows : rows.RemoveAll(ReportRows.IsConstant);
    }

    /// <summary>
    /// Sentences under the layer table: how many Constant rows are hidden, and for a table of more than
    /// <see cref="LongTable"/> rows the options that shorten it.
    /// </summary>
    public ImmutableArray<string> TableNotes(AnalysisReport report, int shownRows)
    {
        var notes = ImmutableArray.CreateBuilder<string>();
        var hidden = ShowConstants ? 0 : ReportRows.Shown(report).Count(ReportRows.IsConstant);
        if (hidden > 0)
        {
            notes.Add($"{ByteFormat.Count(hidden)} Constant row{(hidden == 1 ? "" : "s")} hidden (no parameters, no MACs, outside the textbook sum): --show-constants shows them; JSON and CSV list every layer.");
        }
        if (shownRows > LongTable)
        {
            notes.Add($"A long table ({ByteFormat.Count(shownRows)} rows): --depth N folds each module deeper than N into one row, --group folds each convolution with its normalization and activation, --summary prints only the answer and the totals.");
        }
        return notes.ToImmutable();
    }
}
