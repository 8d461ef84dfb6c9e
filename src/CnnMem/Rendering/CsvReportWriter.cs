using System.Collections.Immutable;
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
        var writer = new StringWriter();
        Write(report, writer);
        return writer.ToString();
    }

    /// <summary>Writes the per-layer table as CSV to <paramref name="writer"/>, a row at a time.</summary>
    public static void Write(AnalysisReport report, TextWriter writer) =>
        WriteRows(writer, LayerColumns.Create(report.Layout, CellStyle.Raw, UnitSystem.Si, report.Totals.NonTrainableParams > 0), ReportRows.Body(report));

    /// <summary>The per-layer training memory table (--per-layer with csv): one row per layer of <c>memory.training.layers</c>; empty without a training model.</summary>
    public static string WriteTrainingLayers(AnalysisReport report)
    {
        var writer = new StringWriter();
        WriteTrainingLayers(report, writer);
        return writer.ToString();
    }

    /// <summary>Writes the per-layer training memory table as CSV to <paramref name="writer"/>, a row at a time.</summary>
    public static void WriteTrainingLayers(AnalysisReport report, TextWriter writer) =>
        WriteRows(writer, TrainingLayerColumns.Csv(), report.Memory.Training?.Layers ?? []);

    private static void WriteRows<T>(TextWriter writer, ImmutableArray<Column<T>> columns, IEnumerable<T> rows)
    {
        writer.Write(string.Join(",", columns.Select(c => Quote(c.Key))));
        writer.Write("\r\n");
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Length; i++)
            {
                if (i > 0)
                {
                    writer.Write(',');
                }
                writer.Write(Quote(columns[i].Get(row)));
            }
            writer.Write("\r\n");
        }
    }

    internal static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
