using System.Collections.Immutable;
using CnnMem.Reports;

namespace CnnMem.Rendering;

/// <summary>
/// What a human-readable rendering shows besides the defaults: the per-layer training table, only the headline and
/// totals (<c>--summary</c>), folded layer rows (<c>--group</c>, <c>--depth</c>), and chart files to link (Markdown).
/// </summary>
internal sealed record RenderOptions
{
    public static RenderOptions Default { get; } = new();

    public bool PerLayer { get; init; }

    public bool SummaryOnly { get; init; }

    /// <summary>Folded rows to show instead of one row per layer, or default for one row per layer.</summary>
    public ImmutableArray<FoldedRow> Groups { get; init; }

    /// <summary>Chart files written beside the report (relative paths or names), with a title each.</summary>
    public ImmutableArray<(string Title, string Path)> Charts { get; init; } = [];

    public ImmutableArray<TableRow> Rows(AnalysisReport report) => Groups.IsDefault ? ReportRows.Body(report) : ReportRows.Body(report, Groups);
}
