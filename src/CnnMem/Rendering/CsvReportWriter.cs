using System.Text;
using CnnMem.Reports;

namespace CnnMem.Rendering;

/// <summary>
/// One CSV row per graph input and per layer, with a header of machine names (as in the JSON) and
/// raw numbers. Quoting follows RFC 4180: fields with a comma, quote or line break are quoted, quotes
/// doubled; lines end with CRLF as the RFC asks.
/// </summary>
public static class CsvReportWriter
{
    /// <summary>The per-layer table as CSV (RFC 4180 quoting, raw counts and bytes).</summary>
    public static string Write(AnalysisReport report)
    {
        var columns = LayerColumns.Create(report.Layout, CellStyle.Raw, UnitSystem.Si);
        var sb = new StringBuilder();
        sb.Append(string.Join(",", columns.Select(c => Quote(c.Key)))).Append("\r\n");
        foreach (var row in ReportRows.Body(report))
        {
            sb.Append(string.Join(",", columns.Select(c => Quote(c.Get(row))))).Append("\r\n");
        }
        return sb.ToString();
    }

    /// <summary>The per-layer training memory table (--per-layer with csv): one row per layer of <c>memory.training.layers</c>; empty without a training model.</summary>
    public static string WriteTrainingLayers(AnalysisReport report)
    {
        var columns = TrainingLayerColumns.Csv();
        var sb = new StringBuilder();
        sb.Append(string.Join(",", columns.Select(c => Quote(c.Key)))).Append("\r\n");
        foreach (var row in report.Memory.Training?.Layers ?? [])
        {
            sb.Append(string.Join(",", columns.Select(c => Quote(c.Get(row))))).Append("\r\n");
        }
        return sb.ToString();
    }

    internal static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
