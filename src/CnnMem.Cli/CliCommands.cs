using System.CommandLine;
using System.CommandLine.Help;
using CnnMem.Core;

namespace CnnMem.Cli;

/// <summary>The command tree: <c>cnnmem [analyze PATH [options]] | fit PATH (--memory SIZE | --device GPU) | ops</c>; with no arguments, the seed network.</summary>
public static class CliCommands
{
    private static readonly string[] Formats = ["table", "json", "csv", "markdown"];

    public static Command Build(CliContext ctx)
    {
        // A named command rather than RootCommand, whose name would be the assembly's (CnnMem.Cli), not the tool's.
        var root = new Command(
            "cnnmem",
            "cnnmem: how much memory does a neural network need? Per-layer output shapes, parameters, MACs and memory " +
            "(inference and training), computed statically from a .cnn spec, an .onnx file or a built-in network.\n" +
            $"With no arguments, analyzes the built-in 'seed' network at batch {AnalyzeSettings.BuiltInBatch}.");

        var path = new Argument<string>("PATH")
        {
            Description = "A built-in network name (e.g. seed), a .cnn spec file or an .onnx file.",
        };
        var batch = new Option<long?>("--batch", "-b")
        {
            HelpName = "N",
            Description = $"Batch size. Default: {AnalyzeSettings.BuiltInBatch} for built-in networks; for files, the batch the file declares (kept exactly), or {AnalyzeSettings.FileBatch} when it is symbolic. A declared batch that --batch replaces is named in a note.",
        };
        var dtype = new Option<string>("--dtype")
        {
            Description = "Element type of weights and activations: float32, float16, bfloat16, float64, int8, ...",
            DefaultValueFactory = _ => "float32",
        };
        var optimizer = new Option<string>("--optimizer")
        {
            Description = $"Optimizer whose state the training estimate includes: {string.Join(", ", Optimizers.Names)}.",
            DefaultValueFactory = _ => "sgd",
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output format: table (for people), json (the machine contract), csv (one row per layer) or markdown.",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong(Formats);
        var output = new Option<string?>("--output", "-o") { HelpName = "FILE", Description = "Write to this file instead of stdout (the table format as plain text)." };
        var units = new Option<string>("--units")
        {
            Description = "Byte units: si (kB, MB, GB = 10^3, 10^6, 10^9 bytes) or iec (KiB, MiB, GiB = 2^10, 2^20, 2^30 bytes).",
            DefaultValueFactory = _ => "si",
        };
        var dims = new Option<string[]>("--dim")
        {
            HelpName = "NAME=VALUE",
            Description = "Value of a symbolic input dimension, NAME=VALUE (the batch symbol, e.g. N, sets the batch); repeatable. An unknown name is an error listing the names the model has.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var allowUnknown = new Option<bool>("--allow-unknown")
        {
            Description = "Treat unsupported ops' outputs as unknown (totals become lower bounds) instead of failing.",
        };

        var perLayer = new Option<bool>("--per-layer")
        {
            Description = "Also print the per-layer training memory table (kept for backward, activation gradient, parameters and gradients, " +
                "optimizer state, running total); with --format csv, write that table instead of the layer table.",
        };
        var memory = new MemoryCliOptions();

        var analyze = new Command(
            "analyze",
            "Analyze a network: layer table, totals, the textbook memory estimate and the framework model (PyTorch 1.13) of inference and training.")
        {
            path, batch, dtype, optimizer, format, output, units, dims, allowUnknown, perLayer,
        };
        foreach (var o in memory.All)
        {
            analyze.Options.Add(o);
        }
        analyze.SetAction(r => AnalyzeRunner.Run(
            AnalyzeSettings.Create(
                r.GetRequiredValue(path),
                r.GetValue(batch),
                r.GetValue(dtype)!,
                r.GetValue(optimizer)!,
                r.GetValue(format)!,
                r.GetValue(output),
                r.GetValue(units)!,
                r.GetValue(dims) ?? [],
                r.GetValue(allowUnknown)) with
            {
                Memory = memory.Read(r),
                PerLayer = r.GetValue(perLayer),
            },
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
        root.SetAction(_ => AnalyzeRunner.Run(
            AnalyzeSettings.Create("seed", null, "float32", "sgd", "table", null, "si", [], allowUnknown: false),
            ctx));
        return root;
    }
}
