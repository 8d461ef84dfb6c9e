using CnnMem.Rendering;

namespace CnnMem.Tests.Rendering;

public class TableInvariantTests
{
    public static TheoryData<string> Models => new(ReportCatalog.Names);

    /// <summary>
    /// Counted rows of Elements, and all rows of Params and MACs, add up to the totals row (exact cells: the human table
    /// shows "4.09 G"); the same holds for the rows folded by --group and --depth.
    /// </summary>
    [Theory]
    [MemberData(nameof(Models))]
    public void Columns_AddUpToTotalsRow(string model)
    {
        var report = ReportCatalog.Get(model);
        var columns = LayerColumns.Create(report.Layout, CellStyle.Raw, UnitSystem.Si);
        var total = ReportRows.Total(report);
        var views = new[]
        {
            ReportRows.Body(report),
            ReportRows.Body(report, CnnMem.Costs.LayerFolding.ByDepth(report.Layers, 1)),
        };
        foreach (var rows in views)
        {
            foreach (var key in new[] { "output_elements", "params", "macs" })
            {
                var column = columns.Single(c => c.Key == key);
                var sum = rows.Where(r => key != "output_elements" || r.Counted).Select(column.Get).Sum(Parse);
                Assert.Equal(Parse(column.Get(total)), sum);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void TotalsRow_MatchesReportTotals(string model)
    {
        var report = ReportCatalog.Get(model);
        var total = ReportRows.Total(report);
        Assert.Equal(report.Totals.ActivationElements, total.Elements);
        Assert.Equal(report.Totals.Params, total.Params);
        Assert.Equal(report.Totals.Macs, total.Macs);
        // The textbook bytes are the counted elements at the dtype's size.
        Assert.Equal(report.Totals.ActivationElements * CnnMem.Core.DTypes.SizeOf(report.DType), total.Bytes);
    }

    private static long Parse(string cell) => long.Parse(cell.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);

}
