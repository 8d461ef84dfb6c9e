using CnnMem.Core;
using CnnMem.Rendering;
using CnnMem.Reports;
using Spectre.Console;

namespace CnnMem.Cli;

/// <summary>
/// The console summary, in the spirit of torchinfo and Keras:
/// 1. a heading with model, source, batch, dtype, optimizer and layout;
/// 2. the layer table (columns from <see cref="LayerColumns"/>), the totals row as its footer;
/// 3. the summary sections (<see cref="SummaryBlock"/>), with --per-layer the training memory table
///    (<see cref="TrainingLayerColumns"/>), warnings and the unit note.
/// </summary>
public static class ConsoleReportRenderer
{
    /// <summary>
    /// Writes the table at its natural width when the console is not a terminal: long ONNX node names
    /// would otherwise squeeze the number columns into several lines each. On a terminal the table
    /// follows the window's width.
    /// </summary>
    private static void WriteUnwrapped(IAnsiConsole console, Table table, TerminalInfo terminal) =>
        Unwrapped(console, terminal, () => console.Write(table));

    /// <summary>
    /// Runs <paramref name="write"/> at the natural width when piped; summary values such as "334 MB at
    /// /layer1/layer1.0/downsample/downsample.0/Conv" would otherwise break inside the layer name.
    /// </summary>
    private static void Unwrapped(IAnsiConsole console, TerminalInfo terminal, Action write)
    {
        var width = console.Profile.Width;
        if (!terminal.Interactive)
        {
            console.Profile.Width = MaxPipedTableWidth;
        }
        try
        {
            write();
        }
        finally
        {
            console.Profile.Width = width;
        }
    }

    private const int MaxPipedTableWidth = 1000;

    public static void Render(AnalysisReport report, UnitSystem units, IAnsiConsole console, TerminalInfo terminal, bool perLayer = false)
    {
        console.MarkupLine($"[bold]{Markup.Escape(report.Model)}[/] ({Markup.Escape(report.Source)}): batch {ByteFormat.Count(report.Batch)}, {DTypes.Name(report.DType)}, optimizer {Optimizers.Name(report.Optimizer)}, layout {DisplayShapes.LayoutName(report.Layout)}");
        console.WriteLine();

        var columns = LayerColumns.Create(report.Layout, CellStyle.Human, units);
        var total = ReportRows.Total(report);
        var table = new Table().Border(ConsoleFactory.Border(terminal)).ShowFooters();
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
        WriteUnwrapped(console, table, terminal);
        foreach (var line in LayerColumns.Legend)
        {
            console.WriteLine(line);
        }

        // Plain padded lines rather than a grid: a grid pads every line to its width with trailing spaces.
        var sections = SummaryBlock.Sections(report, units);
        var labelWidth = sections.SelectMany(x => x.Lines).Max(l => l.Label.Length) + 4;
        Unwrapped(console, terminal, () =>
        {
            foreach (var section in sections)
            {
                console.WriteLine();
                console.MarkupLine($"[bold]{Markup.Escape(section.Title)}[/]");
                foreach (var line in section.Lines)
                {
                    console.WriteLine(("  " + line.Label).PadRight(labelWidth) + line.Value);
                }
            }
        });

        if (perLayer && report.Memory.Training is { } training)
        {
            console.WriteLine();
            console.MarkupLine($"[bold]Training memory per layer ({Markup.Escape(training.Optimizer)})[/]");
            var perLayerTable = new Table().Border(ConsoleFactory.Border(terminal));
            var trainingColumns = TrainingLayerColumns.Create(CellStyle.Human, units);
            foreach (var c in trainingColumns)
            {
                perLayerTable.AddColumn(new TableColumn(new Text(c.Header, new Style(decoration: Decoration.Bold)))
                {
                    Alignment = c.Align == Rendering.Align.Right ? Justify.Right : Justify.Left,
                    NoWrap = true,
                });
            }
            foreach (var row in training.Layers)
            {
                perLayerTable.AddRow(trainingColumns.Select(c => (Spectre.Console.Rendering.IRenderable)new Text(c.Get(row))).ToArray());
            }
            WriteUnwrapped(console, perLayerTable, terminal);
            foreach (var line in TrainingLayerColumns.Legend)
            {
                console.WriteLine(line);
            }
        }

        if (!report.Warnings.IsEmpty)
        {
            console.WriteLine();
            console.MarkupLine("[yellow bold]Warnings[/]");
            foreach (var w in report.Warnings)
            {
                foreach (var line in TextWrap.Lines(w, console.Profile.Width, "  - ", "    "))
                {
                    console.MarkupLine($"[yellow]{Markup.Escape(line)}[/]");
                }
            }
        }
        console.WriteLine();
        foreach (var note in SummaryBlock.Notes(report, units))
        {
            console.WriteLine(note);
        }
    }
}
