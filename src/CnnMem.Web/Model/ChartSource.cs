using CnnMem.Reports;

namespace CnnMem.Web.Model;

/// <summary>
/// The one place the page gets its charts and its HTML report from. The charts and the HTML writer belong
/// to the library's renderers (issue 9: <c>CnnMem.Rendering.Charts.SvgCharts</c> and an HTML report writer);
/// point these members at them. Until then each returns null and the page says the charts and the HTML
/// download are not available in this build.
/// </summary>
public static class ChartSource
{
    /// <summary>The charts as standalone SVG documents, titled, in display order; empty when this build has none.</summary>
    public static IReadOnlyList<(string Title, string? Svg)> Charts(AnalysisReport report) =>
    [
        ("Memory per layer", null),          // SvgCharts.PerLayerMemory(report)
        ("Training step timeline", null),    // SvgCharts.TrainingTimeline(report)
        ("Memory against batch", null),      // SvgCharts.MemoryVsBatch(report)
    ];

    /// <summary>The HTML report (the library's HTML writer), or null when this build has none.</summary>
    public static string? Html(AnalysisReport report, Rendering.UnitSystem units) => null;
}
