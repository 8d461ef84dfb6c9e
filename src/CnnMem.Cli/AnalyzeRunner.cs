using System.Text;
using CnnMem.Analysis;
using CnnMem.Core;
using CnnMem.Rendering;
using CnnMem.Reports;

namespace CnnMem.Cli;

/// <summary>
/// The analyze command:
/// 1. load the model (built-in, .cnn or .onnx);
/// 2. pick the batch (<see cref="BatchChoice"/>: --batch or --dim for the batch symbol, else the file's declared batch, else 64 for built-ins and 1 for files) and analyse;
/// 3. render in the chosen format and write it to stdout or --output.
/// </summary>
public static class AnalyzeRunner
{
    public static int Run(AnalyzeSettings settings, CliContext ctx)
    {
        var model = ctx.Loader.Load(settings.Path);
        var batch = BatchChoice.Resolve(model.Graph, settings.Batch, settings.Dims, model.BuiltIn ? AnalyzeSettings.BuiltInBatch : AnalyzeSettings.FileBatch);
        var report = Analyzer.Analyze(model.Graph, new AnalysisOptions
        {
            Batch = batch,
            DType = settings.DType,
            Optimizer = settings.Optimizer,
            Dims = settings.Dims,
            AllowUnknown = settings.AllowUnknown,
            Registry = ctx.Registry,
            Memory = settings.Memory,
        });
        if (settings.PerLayer && report.Memory.Training is null)
        {
            throw new CnnMemException("--per-layer shows the framework model's training rows, but this report has no training model");
        }

        if (settings.OutputFile is { } file)
        {
            using var writer = new StreamWriter(file, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            Write(report, settings, writer, TerminalInfo.Plain);
            ctx.Error.WriteLine($"cnnmem: wrote {settings.Format.ToString().ToLowerInvariant()} to {file}");
        }
        else
        {
            Write(report, settings, ctx.Out, ctx.Terminal);
        }
        return ExitCodes.Success;
    }

    public static void Write(AnalysisReport report, AnalyzeSettings settings, TextWriter writer, TerminalInfo terminal)
    {
        switch (settings.Format)
        {
            case OutputFormat.Json:
                writer.Write(JsonReportWriter.Write(report));
                break;
            case OutputFormat.Csv:
                writer.Write(settings.PerLayer ? CsvReportWriter.WriteTrainingLayers(report) : CsvReportWriter.Write(report));
                break;
            case OutputFormat.Markdown:
                writer.Write(MarkdownReportWriter.Write(report, settings.Units, settings.PerLayer));
                break;
            default:
                ConsoleReportRenderer.Render(report, settings.Units, ConsoleFactory.Create(writer, terminal), terminal, settings.PerLayer);
                break;
        }
        writer.Flush();
    }
}
