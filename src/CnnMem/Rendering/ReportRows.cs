using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Reports;

namespace CnnMem.Rendering;

/// <summary>
/// The rows every tabular renderer shows: one per graph input, one per layer, and a totals row taken
/// from <see cref="AnalysisReport.Totals"/>. The inputs are rows because the textbook activation sum
/// includes them, so the counted rows add up to the totals row.
/// </summary>
internal static class ReportRows
{
    /// <summary>Inputs then layers, in graph order.</summary>
    public static ImmutableArray<TableRow> Body(AnalysisReport report)
    {
        var rows = ImmutableArray.CreateBuilder<TableRow>(report.Inputs.Length + report.Layers.Length);
        foreach (var i in report.Inputs)
        {
            rows.Add(new TableRow(RowKind.Input, i.Name, report.InputOp, i.Shape, i.Elements, i.Bytes, 0, 0, DTypes.IsFloat(i.DType)));
        }
        foreach (var l in report.Layers)
        {
            rows.Add(new TableRow(RowKind.Layer, l.Name, l.Op, l.Outputs.IsEmpty ? null : l.OutputShape, l.OutputElements, l.OutputBytes, l.Params, l.Macs, l.InTextbookSum) { Frozen = l.NonTrainableParams });
        }
        return rows.MoveToImmutable();
    }

    /// <summary>Inputs then folded layer groups (<c>--group</c>, <c>--depth</c>), in graph order.</summary>
    public static ImmutableArray<TableRow> Body(AnalysisReport report, ImmutableArray<FoldedRow> groups)
    {
        var rows = ImmutableArray.CreateBuilder<TableRow>(report.Inputs.Length + groups.Length);
        rows.AddRange(Body(report).Where(r => r.Kind == RowKind.Input));
        foreach (var g in groups)
        {
            rows.Add(new TableRow(RowKind.Layer, g.Name, g.Op, g.OutputShape, g.Elements, g.Bytes, g.Params, g.Macs, g.Counted) { Frozen = g.NonTrainableParams });
        }
        return rows.ToImmutable();
    }

    /// <summary>The rows of people's tables: inputs then the report's folded groups when it has them (<see cref="AnalysisReport.Groups"/>), else every layer.</summary>
    public static ImmutableArray<TableRow> Shown(AnalysisReport report) => report.Groups.IsEmpty ? Body(report) : Body(report, report.Groups);

    /// <summary>A Constant row that changes no column's total (no parameters, no MACs, outside the textbook sum): hidden from people's tables by default.</summary>
    public static bool IsConstant(TableRow r) => r.Kind == RowKind.Layer && r.Op == "Constant" && r.Params == 0 && r.Macs == 0 && !r.Counted;

    /// <summary>The totals row: textbook activation elements and bytes (input included), parameters, MACs.</summary>
    public static TableRow Total(AnalysisReport report) => new(
        RowKind.Total,
        "Total",
        "",
        null,
        report.Totals.ActivationElements,
        report.Memory.Naive.ActivationBytes,
        report.Totals.Params,
        report.Totals.Macs,
        Counted: true)
    {
        Frozen = report.Totals.NonTrainableParams,
    };
}
