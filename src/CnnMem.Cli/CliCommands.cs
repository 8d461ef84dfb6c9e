using System.CommandLine;
using System.CommandLine.Help;

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

        var analyze = new Commands.AnalyzeCommand();
        var analyzeCommand = analyze.Build(ctx);

        root.Options.Add(new HelpOption());
        root.Options.Add(new VersionOption { Action = new VersionAction() });
        root.Subcommands.Add(analyzeCommand);
        root.Subcommands.Add(OpsCommand(ctx));
        root.Subcommands.Add(Commands.FitCommand.Build(ctx));
        root.Subcommands.Add(ZooCommand(ctx));
        // with no arguments: `cnnmem analyze seed`, read by the same options, so the defaults are analyze's (the library's)
        root.SetAction(_ => AnalyzeRunner.Run(analyze.Read(root.Parse(["analyze", "seed"])), ctx));
        return root;
    }

    /// <summary>--input HxW, shared by analyze and fit.</summary>
    public static Option<string?> InputOption() => new("--input")
    {
        HelpName = "HxW",
        Description = "Input height and width in pixels of a built-in torchvision network (default 224x224, 299x299 for inception_v3), e.g. 320x320.",
    };

    private static Command OpsCommand(CliContext ctx)
    {
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output format: table or json.",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "json");
        var ops = new Command("ops", "List the supported op types: domain, op types, opset range, spec keywords, description.") { format };
        ops.SetAction(r =>
        {
            if (r.GetValue(format) == "json")
            {
                ctx.Out.Write(OpsRenderer.WriteJson(ctx.Registry));
            }
            else
            {
                OpsRenderer.RenderTable(ctx.Registry, ConsoleFactory.Create(ctx.Out, ctx.Terminal), ConsoleFactory.Border(ctx.Terminal));
            }
            return ExitCodes.Success;
        });
        return ops;
    }

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
