using CnnMem.Rendering;
using CnnMem.Reports;

namespace CnnMem.Web.Model;

/// <summary>
/// The one place the page gets its charts and its HTML report from: the library's renderers (<see cref="SvgCharts"/>
/// and <see cref="HtmlReportWriter"/>), so the page, the CLI and the HTML report draw the same pictures. A chart whose
/// data the analysis did not compute (the timeline and the batch sweep need the "charts over time and batch" setting)
/// is null and the page leaves it out.
/// </summary>
internal static class ChartSource
{
    /// <summary>The charts as standalone SVG documents, titled, in display order.</summary>
    public static IReadOnlyList<(string Title, string? Svg)> Charts(AnalysisReport report) =>
    [
        ("Memory per layer", SvgCharts.PerLayerMemory(report)),
        ("Training step timeline", SvgCharts.TrainingTimeline(report)),
        ("Memory against batch", SvgCharts.MemoryVsBatch(report)),
    ];

    /// <summary>The HTML report (the library's HTML writer).</summary>
    public static string? Html(AnalysisReport report, UnitSystem units) => HtmlReportWriter.Write(report, units);
}
