using System.CommandLine;
using System.CommandLine.Help;
using CnnMem.Core;

namespace CnnMem.Cli;

/// <summary>The command tree: <c>cnnmem [analyze PATH [options]] | fit PATH (--memory SIZE | --device GPU) | ops</c>; with no arguments, the seed network.</summary>
internal static class CliCommands
{
    public static Command Build(CliContext ctx)
    {
        // A named command rather than RootCommand, whose name would be the assembly's (CnnMem.Cli), not the tool's.
        var root = new Command(
            "cnnmem",
            "cnnmem: how much memory does a neural network need? Per-layer output shapes, parameters, MACs and memory " +
            "(inference and training), computed statically from a .cnn spec, an .onnx file, a Keras model (.json, .keras) or a built-in network.\n" +
            $"With no arguments, analyzes the built-in 'seed' network at batch {AnalyzeSettings.BuiltInBatch}.");

        var path = new Argument<string>("PATH")
        {
            Description = "A built-in network name (e.g. seed, resnet50; cnnmem zoo lists them), a .cnn spec file, an .onnx file, or a Keras model: model.json (model.to_json(), or TensorFlow.js) or a .keras archive.",
        };
        var batch = new Option<string?>("--batch", "-b")
        {
            HelpName = "N",
            Description = $"Batch size. Default: {AnalyzeSettings.BuiltInBatch} for built-in networks; for files, the batch the file declares (kept exactly), or {AnalyzeSettings.FileBatch} when it is symbolic. A declared batch that --batch replaces is named in a note.",
        };
        var optimizer = new Option<string>("--optimizer")
        {
            Description = $"Optimizer whose state the training estimate includes: {string.Join(", ", Optimizers.Names)}.",
            DefaultValueFactory = _ => "sgd",
        };
        var perLayer = new Option<bool>("--per-layer")
        {
            Description = "Also print the per-layer training memory table (kept for backward, activation gradient, parameters and gradients, " +
                "optimizer state, running total); with --format csv, write that table instead of the layer table.",
        };
        var model = new ModelCliOptions(
            "Output format: table (for people), json (the machine contract), csv (one row per layer), markdown, or html (one self-contained page with the charts).",
            html: true);
        var input = InputOption();
        var view = new ReportCliOptions();
        var parallel = new ParallelCliOptions();

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
        analyze.SetAction(r => AnalyzeRunner.Run(
            (AnalyzeSettings.From(
                r.GetRequiredValue(path),
                ModelSettings.ParseWhole("--batch", r.GetValue(batch)),
                r.GetValue(optimizer)!,
                model.Read(r)) with
            {
                PerLayer = r.GetValue(perLayer),
                Parallel = parallel.Read(r),
                Input = ImageSize.Parse(r.GetValue(input)),
            }).WithView(view, r, model.BackendGiven(r)),
            ctx));

        var opsFormat = new Option<string>("--format", "-f")
        {
            Description = "Output format: table or json.",
            DefaultValueFactory = _ => "table",
        };
        opsFormat.AcceptOnlyFromAmong("table", "json");
        var ops = new Command("ops", "List the supported op types: domain, op types, opset range, spec keywords, description.") { opsFormat };
        ops.SetAction(r =>
        {
            if (r.GetValue(opsFormat) == "json")
            {
                ctx.Out.Write(OpsRenderer.WriteJson(ctx.Registry));
            }
            else
            {
                OpsRenderer.RenderTable(ctx.Registry, ConsoleFactory.Create(ctx.Out, ctx.Terminal), ConsoleFactory.Border(ctx.Terminal));
            }
            return ExitCodes.Success;
        });

        root.Options.Add(new HelpOption());
        root.Options.Add(new VersionOption { Action = new VersionAction() });
        root.Subcommands.Add(analyze);
        root.Subcommands.Add(ops);
        root.Subcommands.Add(Commands.FitCommand.Build(ctx));
        root.Subcommands.Add(ZooCommand(ctx));
        root.SetAction(_ => AnalyzeRunner.Run(
            AnalyzeSettings.Create("seed", null, "float32", "sgd", "table", null, "si", [], allowUnknown: false) with
            {
                Memory = MemoryCliOptions.Create(new MemoryCliValues()),
            },
            ctx));
        return root;
    }

    /// <summary>--input HxW, shared by analyze and fit.</summary>
    public static Option<string?> InputOption() => new("--input")
    {
        HelpName = "HxW",
        Description = "Input height and width in pixels of a built-in torchvision network (default 224x224, 299x299 for inception_v3), e.g. 320x320.",
    };

    private static Command ZooCommand(CliContext ctx)
    {
        var format = new Option<string>("--format", "-f") { Description = "Output format: table or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var zoo = new Command("zoo", "List the built-in torchvision networks: name, family, parameters (as torchvision builds them), input size, notes.") { format };
        zoo.SetAction(r =>
        {
            var list = Pipeline.ZooCatalog.List();
            if (r.GetValue(format) == "json")
            {
                ctx.Out.Write(ZooRenderer.WriteJson(list));
            }
            else
            {
                ZooRenderer.RenderTable(list, ConsoleFactory.Create(ctx.Out, ctx.Terminal), ConsoleFactory.Border(ctx.Terminal));
            }
            return ExitCodes.Success;
        });
        return zoo;
    }
}
