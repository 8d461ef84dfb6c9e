using System.Collections.Immutable;
using System.Text;
using CnnMem.Rendering;
using CnnMem.Rendering.Charts;
using CnnMem.Reports;
using CnnMem.Pipeline;

namespace CnnMem.Cli;

/// <summary>
/// The analyze command:
/// 1. check that PNG charts can be painted when asked for (<see cref="SkiaLibrary"/>), then load the model (built-in, .cnn or .onnx);
/// 2. pick the batch (<see cref="BatchChoice"/>: --batch or --dim for the batch symbol, else the file's declared batch, else 64
///    for built-ins and 1 for files) and analyse (with the chart data when charts or HTML are asked for, the device fit
///    with --device, and the layer rows folded with --group or --depth);
/// 3. write the charts (--charts DIR), then render in the chosen format to stdout or --output.
/// </summary>
internal static class AnalyzeRunner
{
    public static int Run(AnalyzeSettings settings, CliContext ctx)
    {
        if (settings.ChartsDir is not null && settings.ChartFormat == "png" && ctx.PngUnavailable() is { } why)
        {
            throw new CnnMemException(why);
        }
        var report = Analyze(settings, ctx);
        var view = new RenderOptions
        {
            PerLayer = settings.PerLayer,
            SummaryOnly = settings.SummaryOnly,
            ShowConstants = settings.ShowConstants,
        };
        if (settings.ChartsDir is { } dir)
        {
            view = view with { Charts = WriteCharts(report, dir, settings.ChartFormat, settings.OutputFile, ctx) };
        }

        if (settings.OutputFile is { } file)
        {
            using var writer = new StreamWriter(file, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            Write(report, settings, writer, TerminalInfo.Plain, view);
            ctx.Error.WriteLine($"cnnmem: wrote {settings.Format.ToString().ToLowerInvariant()} to {file}");
        }
        else if (settings.Format != OutputFormat.Table && ctx.OutBytes is { } stdout)
        {
            // Files (JSON, CSV: tens of megabytes for a large network) go to stdout's bytes through one buffer,
            // not through the console writer, which flushes at every write; JSON goes there as UTF-8 bytes directly.
            ctx.Out.Flush();
            using var writer = new StreamWriter(stdout, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true);
            Write(report, settings, writer, ctx.Terminal, view);
        }
        else
        {
            Write(report, settings, ctx.Out, ctx.Terminal, view);
        }
        if (settings.Format == OutputFormat.Csv)
        {
            CsvSideNotes(report, ctx);
        }
        return ExitCodes.Success;
    }

    /// <summary>Loads the model, analyses it at the chosen batch with the command line's options, and checks that the sections asked for exist.</summary>
    private static AnalysisReport Analyze(AnalyzeSettings settings, CliContext ctx)
    {
        var model = ctx.Loader.Load(settings.Path, settings.Input);
        var batch = BatchChoice.Resolve(model.Graph, settings.Batch, settings.Dims, model.BuiltIn ? AnalyzeSettings.BuiltInBatch : AnalyzeSettings.FileBatch);
        var report = Analyzer.Analyze(model.Graph, new AnalysisOptions
        {
            Batch = batch,
            DType = settings.DType,
            Optimizer = settings.Optimizer,
            Dims = settings.Dims,
            AllowUnknown = settings.AllowUnknown,
            Freeze = settings.Freeze,
            Registry = ctx.Registry,
            Memory = settings.Memory,
            Parallel = settings.Parallel,
            Device = settings.Device,
            ChartData = settings.ChartsDir is not null || settings.Format == OutputFormat.Html,
            GroupConvBlocks = settings.Group,
            GroupDepth = settings.Depth,
        });
        if (settings.Parallel is not null && report.Memory.Parallel is null)
        {
            throw new CnnMemException("--gpus/--parallel give the per-device training memory, but this network has no training model (no float output of known shape)");
        }
        if (settings.PerLayer && report.Memory.Training is null)
        {
            throw new CnnMemException("--per-layer shows the framework model's training rows, but this report has no training model");
        }
        return report;
    }

    /// <summary>
    /// CSV holds only the table: the framework profile it was computed for and its warnings go to stderr,
    /// where a script's reader still sees them and a CSV parser never does.
    /// </summary>
    private static void CsvSideNotes(AnalysisReport report, CliContext ctx)
    {
        ctx.Error.WriteLine($"cnnmem: profile: {FrameworkSummary.Profile(report.Memory)}");
        foreach (var w in report.Warnings)
        {
            ctx.Error.WriteLine($"cnnmem: warning: {w}");
        }
    }

    /// <summary>Writes each chart the report has data for; returns titles and paths as a Markdown report beside --output links them.</summary>
    private static ImmutableArray<(string Title, string Path)> WriteCharts(AnalysisReport report, string dir, string format, string? outputFile, CliContext ctx)
    {
        Directory.CreateDirectory(dir);
        var written = ImmutableArray.CreateBuilder<(string, string)>();
        var linkBase = Path.GetDirectoryName(Path.GetFullPath(outputFile ?? Path.Combine(Directory.GetCurrentDirectory(), "x")))!;
        foreach (var chart in SvgCharts.All(report))
        {
            var path = Path.Combine(dir, $"{chart.Name}.{format}");
            if (format == "png")
            {
                File.WriteAllBytes(path, PngChartPainter.Paint(chart));
            }
            else
            {
                File.WriteAllText(path, SvgWriter.Write(chart), new UTF8Encoding(false));
            }
            ctx.Error.WriteLine($"cnnmem: wrote {chart.Title.ToLowerInvariant()} to {path}");
            written.Add((chart.Title, Path.GetRelativePath(linkBase, Path.GetFullPath(path)).Replace('\\', '/')));
        }
        return written.ToImmutable();
    }

    public static void Write(AnalysisReport report, AnalyzeSettings settings, TextWriter writer, TerminalInfo terminal) =>
        Write(report, settings, writer, terminal, RenderOptions.Default with { PerLayer = settings.PerLayer });

    public static void Write(AnalysisReport report, AnalyzeSettings settings, TextWriter writer, TerminalInfo terminal, RenderOptions view)
    {
        switch (settings.Format)
        {
            case OutputFormat.Json:
                JsonReportWriter.Write(report, writer);
                break;
            case OutputFormat.Csv when settings.PerLayer:
                CsvReportWriter.WriteTrainingLayers(report, writer);
                break;
            case OutputFormat.Csv:
                CsvReportWriter.Write(report, writer);
                break;
            case OutputFormat.Markdown:
                writer.Write(MarkdownReportWriter.Write(report, settings.Units, view));
                break;
            case OutputFormat.Html:
                writer.Write(HtmlReportWriter.Write(report, settings.Units, view));
                break;
            default:
                ConsoleReportRenderer.Render(report, settings.Units, ConsoleFactory.Create(writer, terminal), terminal, view);
                break;
        }
        writer.Flush();
    }
}
