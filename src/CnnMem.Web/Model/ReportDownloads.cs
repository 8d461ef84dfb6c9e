using CnnMem.Rendering;
using CnnMem.Reports;

namespace CnnMem.Web.Model;

/// <summary>The report as files, written by the library's renderers (the same bytes as the CLI's --format).</summary>
internal static class ReportDownloads
{
    public static IReadOnlyList<Download> All(AnalysisReport report, UnitSystem units)
    {
        var name = report.Model;
        var files = new List<Download>
        {
            new($"{name}.json", "application/json", JsonReportWriter.Write(report)),
            new($"{name}.csv", "text/csv", CsvReportWriter.Write(report)),
            new($"{name}.md", "text/markdown", MarkdownReportWriter.Write(report, units, perLayer: report.Memory.Training is not null)),
        };
        if (ChartSource.Html(report, units) is { } html)
        {
            files.Add(new($"{name}.html", "text/html", html));
        }
        return files;
    }
}
