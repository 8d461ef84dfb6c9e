using CnnMem.Core;
using CnnMem.Rendering;
using CnnMem.Reports;
using Spectre.Console;

namespace CnnMem.Cli;

/// <summary>
/// The console summary, in the spirit of torchinfo and Keras:
/// 1. a heading with model, source, batch, dtype, optimizer and layout;
/// 2. the layer table (columns from <see cref="LayerColumns"/>), the totals row as its footer;
/// 3. the summary sections (<see cref="SummaryBlock"/>), warnings and the unit note.
/// </summary>
public static class ConsoleReportRenderer
{
    public static void Render(AnalysisReport report, UnitSystem units, IAnsiConsole console, TableBorder border)
    {
        console.MarkupLine($"[bold]{Markup.Escape(report.Model)}[/] ({Markup.Escape(report.Source)}): batch {ByteFormat.Count(report.Batch)}, {DTypes.Name(report.DType)}, optimizer {Optimizers.Name(report.Optimizer)}, layout {DisplayShapes.LayoutName(report.Layout)}");
        console.WriteLine();

        var columns = LayerColumns.Create(report.Layout, CellStyle.Human, units);
        var total = ReportRows.Total(report);
        var table = new Table().Border(border).ShowFooters();
        foreach (var c in columns)
        {
            var column = new TableColumn(new Text(c.Header, new Style(decoration: Decoration.Bold)))
            {
                Alignment = c.Align == Rendering.Align.Right ? Justify.Right : Justify.Left,
                NoWrap = true,
                Footer = new Text(c.Get(total), new Style(decoration: Decoration.Bold)),
            };
            table.AddColumn(column);
        }
        foreach (var row in ReportRows.Body(report))
        {
            table.AddRow(columns.Select(c => (Spectre.Console.Rendering.IRenderable)new Text(c.Get(row))).ToArray());
        }
        console.Write(table);
        console.WriteLine(LayerColumns.Legend);

        foreach (var section in SummaryBlock.Sections(report, units))
        {
            console.WriteLine();
            console.MarkupLine($"[bold]{Markup.Escape(section.Title)}[/]");
            var grid = new Grid();
            grid.AddColumn(new GridColumn().PadLeft(2).NoWrap());
            grid.AddColumn(new GridColumn().RightAligned().NoWrap());
            foreach (var line in section.Lines)
            {
                grid.AddRow(new Text(line.Label), new Text(line.Value));
            }
            console.Write(grid);
        }

        if (!report.Warnings.IsEmpty)
        {
            console.WriteLine();
            console.MarkupLine("[yellow bold]Warnings[/]");
            foreach (var w in report.Warnings)
            {
                console.Write(new Padder(new Text("- " + w, new Style(Color.Yellow)), new Padding(2, 0, 0, 0)));
            }
        }
        console.WriteLine();
        foreach (var note in SummaryBlock.Notes(report, units))
        {
            console.WriteLine(note);
        }
    }
}
