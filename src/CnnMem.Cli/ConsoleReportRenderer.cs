using CnnMem.Core;
using CnnMem.Rendering;
using CnnMem.Reports;
using Spectre.Console;

namespace CnnMem.Cli;

/// <summary>
/// The console report, in the spirit of torchinfo and Keras, fitted to the output width (terminal, COLUMNS, or 120
/// for pipes and files) without splitting a number or a word:
/// 1. a heading with model, source, batch, dtype, optimizer and layout, then the answer (<see cref="Headline"/>);
/// 2. the layer table (columns from <see cref="LayerColumns"/>, rows folded with --group/--depth), the totals row as
///    its footer; names shortened and columns left out as <see cref="TableFit"/> decides;
/// 3. the summary sections (<see cref="SummaryBlock"/>), each with its one-line note; with --per-layer the training
///    memory table (<see cref="TrainingLayerColumns"/>); grouped warnings and the unit note.
/// With --summary only the heading, the answer and the totals.
/// </summary>
internal static class ConsoleReportRenderer
{
    /// <summary>Layer table columns that leave, in this order, when the names would get too little room.</summary>
    private static readonly string[] DropOrder = ["Elements", "Output bytes", "Output shape"];

    public static void Render(AnalysisReport report, UnitSystem units, IAnsiConsole console, TerminalInfo terminal, bool perLayer = false) =>
        Render(report, units, console, terminal, RenderOptions.Default with { PerLayer = perLayer });

    public static void Render(AnalysisReport report, UnitSystem units, IAnsiConsole console, TerminalInfo terminal, RenderOptions view)
    {
        var width = console.Profile.Width;
        Wrapped(console, $"{report.Model} ({report.Source}): batch {ByteFormat.Count(report.Batch)}, {DTypes.Name(report.DType)}, optimizer {Optimizers.Name(report.Optimizer)}, layout {DisplayShapes.LayoutName(report.Layout)}", width, bold: true);

        var sections = SummaryBlock.Sections(report, units);
        var headline = Headline.Section(report, units);
        var labelWidth = sections.Concat(headline is null ? [] : [headline]).SelectMany(x => x.Lines).Max(l => l.Label.Length) + 4;
        if (headline is not null)
        {
            Section(console, headline, labelWidth, width);
        }
        if (view.SummaryOnly)
        {
            Section(console, sections[0], labelWidth, width);
            Notes(console, report, units, width);
            return;
        }

        console.WriteLine();
        LayerTable(report, units, console, terminal, view, width);
        foreach (var section in sections)
        {
            Section(console, section, labelWidth, width);
        }
        if (view.PerLayer && report.Memory.Training is { } training)
        {
            console.WriteLine();
            Wrapped(console, $"Training memory per layer ({Optimizers.Name(training.Optimizer)})", width, bold: true);
            TrainingTable(report, training, units, console, terminal, width);
        }
        if (!report.Warnings.IsEmpty)
        {
            console.WriteLine();
            console.MarkupLine("[yellow bold]Warnings[/]");
            foreach (var w in WarningGroups.Lines(report.Warnings))
            {
                foreach (var line in TextWrap.Lines(w, width, "  - ", "    "))
                {
                    console.MarkupLine($"[yellow]{Markup.Escape(line)}[/]");
                }
            }
        }
        Notes(console, report, units, width);
    }

    private static void LayerTable(AnalysisReport report, UnitSystem units, IAnsiConsole console, TerminalInfo terminal, RenderOptions view, int width)
    {
        var columns = LayerColumns.Create(report.Layout, CellStyle.Human, units, report.Totals.NonTrainableParams > 0);
        var total = ReportRows.Total(report);
        var rows = view.Rows(report);
        var cells = rows.Select(r => columns.Select(c => c.Get(r)).ToArray()).ToList();
        var footer = columns.Select(c => c.Get(total)).ToArray();
        var natural = columns.Select((c, i) => cells.Select(r => r[i].Length).Append(c.Header.Length).Append(footer[i].Length).Max()).ToList();
        var drop = DropOrder.Select(h => columns.IndexOf(columns.First(c => c.Header == h))).ToList();
        var (shown, flexWidth) = TableFit.Fit(natural, 0, drop, width);

        var table = new Table().Border(ConsoleFactory.Border(terminal)).ShowFooters();
        foreach (var i in shown)
        {
            table.AddColumn(new TableColumn(new Text(columns[i].Header, new Style(decoration: Decoration.Bold)))
            {
                Alignment = columns[i].Align == Rendering.Align.Right ? Justify.Right : Justify.Left,
                NoWrap = true,
                Footer = new Text(footer[i], new Style(decoration: Decoration.Bold)),
            });
        }
        foreach (var row in cells)
        {
            table.AddRow(shown.Select(i => (Spectre.Console.Rendering.IRenderable)new Text(i == 0 ? TableFit.Elide(row[i], flexWidth) : row[i])).ToArray());
        }
        console.Write(table);
        var left = columns.Where((c, i) => !shown.Contains(i)).Select(c => c.Header).ToList();
        if (left.Count > 0)
        {
            Wrapped(console, $"Left out to fit {width} columns: {string.Join(", ", left)} (all columns: a wider terminal, COLUMNS=N, or --format json/csv).", width);
        }
        if (!report.Groups.IsEmpty)
        {
            Wrapped(console, "Folded rows: the last layer's shape; elements and bytes of the counted layers, params and MACs of all, summed.", width);
        }
        foreach (var line in LayerColumns.Legend.AddRange(view.TableNotes(report, rows.Length)))
        {
            Wrapped(console, line, width);
        }
    }

    private static void TrainingTable(AnalysisReport report, TrainingMemory training, UnitSystem units, IAnsiConsole console, TerminalInfo terminal, int width)
    {
        var columns = TrainingLayerColumns.Create(CellStyle.Human, units);
        var cells = training.Layers.Select(r => columns.Select((c, i) => i == 0 ? Graphs.ModulePath.Of(r.Name, r.Op) : i == 1 ? OpNames.Display(r.Op) : c.Get(r)).ToArray()).ToList();
        // two-line headings ("Kept for" / "backward") keep the byte columns as narrow as their figures
        var headers = columns.Select(c => c.Header.Contains(' ', StringComparison.Ordinal) && c.Align == Rendering.Align.Right ? TwoLines(c.Header) : c.Header).ToList();
        var natural = columns.Select((c, i) => cells.Select(r => r[i].Length).Concat(headers[i].Split('\n').Select(h => h.Length)).Max()).ToList();
        var (shown, flexWidth) = TableFit.Fit(natural, 0, [1, 6], width); // Op, then Running total, leave first
        var table = new Table().Border(ConsoleFactory.Border(terminal));
        foreach (var i in shown)
        {
            table.AddColumn(new TableColumn(new Text(headers[i], new Style(decoration: Decoration.Bold)))
            {
                Alignment = columns[i].Align == Rendering.Align.Right ? Justify.Right : Justify.Left,
                NoWrap = true,
            });
        }
        foreach (var row in cells)
        {
            table.AddRow(shown.Select(i => (Spectre.Console.Rendering.IRenderable)new Text(i == 0 ? TableFit.Elide(row[i], flexWidth) : row[i])).ToArray());
        }
        console.Write(table);
        if (shown.Count < columns.Length)
        {
            Wrapped(console, $"Left out to fit {width} columns: {string.Join(", ", columns.Where((c, i) => !shown.Contains(i)).Select(c => c.Header))} (all columns: --format csv --per-layer).", width);
        }
        foreach (var line in TrainingLayerColumns.Legend)
        {
            Wrapped(console, line, width);
        }
        if (TrainingLayerColumns.PeakNote(report, units) is { } peak)
        {
            Wrapped(console, peak, width);
        }
    }

    private static string TwoLines(string header)
    {
        var mid = header.IndexOf(' ', header.Length / 2 - 1);
        var cut = mid < 0 ? header.LastIndexOf(' ') : mid;
        return header[..cut] + "\n" + header[(cut + 1)..];
    }

    private static void Section(IAnsiConsole console, SummarySection section, int labelWidth, int width)
    {
        console.WriteLine();
        Wrapped(console, section.Title, width, bold: true);
        if (section.Note is { } note)
        {
            foreach (var line in TextWrap.Lines(note, width, "  ", "  "))
            {
                console.MarkupLine($"[dim]{Markup.Escape(line)}[/]");
            }
        }
        // Plain padded lines rather than a grid: a grid pads every line to its width with trailing spaces.
        // a value that does not fit goes on under itself ("(2,979,558,380 bytes)" fits in 22 columns), else under the label
        var indent = labelWidth + 22 <= width ? labelWidth : 6;
        foreach (var line in section.Lines)
        {
            foreach (var text in TextWrap.Lines(line.Value, width, ("  " + line.Label).PadRight(labelWidth), new string(' ', indent)))
            {
                console.WriteLine(text);
            }
        }
    }

    private static void Notes(IAnsiConsole console, AnalysisReport report, UnitSystem units, int width)
    {
        console.WriteLine();
        foreach (var note in SummaryBlock.Notes(report, units))
        {
            Wrapped(console, note, width);
        }
    }

    private static void Wrapped(IAnsiConsole console, string text, int width, bool bold = false)
    {
        foreach (var line in TextWrap.Lines(text, width, "", "  "))
        {
            console.MarkupLine(bold ? $"[bold]{Markup.Escape(line)}[/]" : Markup.Escape(line));
        }
    }
}
