using System.CommandLine;
using CnnMem.Core;

namespace CnnMem.Cli.Commands;

/// <summary>
/// <c>cnnmem analyze PATH [options]</c>: its own options (PATH, --batch, --optimizer, --per-layer, --input), the model
/// options it shares with fit (<see cref="ModelCliOptions"/>), the presentation options (<see cref="ReportCliOptions"/>) and
/// the multi-device ones (<see cref="ParallelCliOptions"/>), read into <see cref="AnalyzeSettings"/> and run by <see cref="AnalyzeRunner"/>.
/// An option not given keeps the library's default (<see cref="AnalysisOptions"/>, <see cref="MemoryOptions"/>).
/// </summary>
internal sealed class AnalyzeCommand
{
    private static readonly AnalysisOptions Defaults = new();

    private readonly Argument<string> path = new("PATH")
    {
        Description = "A built-in network name (e.g. seed, resnet50; cnnmem zoo lists them), a .cnn spec file, an .onnx file, or a Keras model: model.json (model.to_json(), or TensorFlow.js) or a .keras archive.",
    };

    private readonly Option<string?> batch = new("--batch", "-b")
    {
        HelpName = "N",
        Description = $"Batch size. Default: {AnalyzeSettings.BuiltInBatch} for built-in networks; for files, the batch the file declares (kept exactly), or {AnalyzeSettings.FileBatch} when it is symbolic. A declared batch that --batch replaces is named in a note.",
    };

    private readonly Option<string> optimizer = new("--optimizer")
    {
        Description = $"Optimizer whose state the training estimate includes: {string.Join(", ", Optimizers.Names)}.",
        DefaultValueFactory = _ => Optimizers.Name(Defaults.Optimizer),
    };

    private readonly Option<bool> perLayer = new("--per-layer")
    {
        Description = "Also print the per-layer training memory table (kept for backward, activation gradient, parameters and gradients, " +
            "optimizer state, running total); with --format csv, write that table instead of the layer table.",
    };

    private readonly ModelCliOptions model = new(
        "Output format: table (for people), json (the machine contract), csv (one row per layer), markdown, or html (one self-contained page with the charts).",
        html: true);

    private readonly Option<string?> input = CliCommands.InputOption();

    private readonly ReportCliOptions view = new();

    private readonly ParallelCliOptions parallel = new();

    /// <summary>The command, whose action analyses what <see cref="Read"/> gives.</summary>
    public Command Build(CliContext ctx)
    {
        var analyze = new Command(
            "analyze",
            "Analyze a network: layer table, totals, the textbook memory estimate and the framework model of inference and training " +
            $"(default --backend {MemoryCliOptions.DefaultBackend}: the device view; --backend cpu for the CPU figures).")
        {
            path, batch, optimizer, perLayer, input,
        };
        model.AddTo(analyze);
        foreach (var o in view.All.Concat(parallel.All))
        {
            analyze.Options.Add(o);
        }
        analyze.SetAction(r => AnalyzeRunner.Run(Read(r), ctx));
        return analyze;
    }

    /// <summary>The settings a parsed analyze command line gives, each value checked.</summary>
    public AnalyzeSettings Read(ParseResult r) =>
        (AnalyzeSettings.From(
            r.GetRequiredValue(path),
            ModelSettings.ParseWhole("--batch", r.GetValue(batch)),
            r.GetValue(optimizer)!,
            model.Read(r)) with
        {
            PerLayer = r.GetValue(perLayer),
            Parallel = parallel.Read(r),
            Input = ImageSize.Parse(r.GetValue(input)),
        }).WithView(view, r, model.BackendGiven(r));
}
