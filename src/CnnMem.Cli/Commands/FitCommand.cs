using System.CommandLine;
using System.Text;
using CnnMem.Core;
using CnnMem.Pipeline;
using CnnMem.Memory.Profiles;

namespace CnnMem.Cli.Commands;

/// <summary>
/// <c>cnnmem fit PATH (--memory SIZE | --device NAME) [--optimizer O]... [model options] | fit --list-devices</c>,
/// where the model options are analyze's (<see cref="ModelCliOptions"/>: --dtype, --dim, --allow-unknown, --format,
/// --output, --units and the framework-model options, cuda by default):
/// 1. check the budget (exactly one of --memory and --device) and the optimizers;
/// 2. load the model and find the largest batch that fits, for inference and for training with each optimizer;
/// 3. render each with the memory at that batch, the headroom left and the memory of the next batch (<see cref="FitRenderer"/>).
/// A mode that does not fit even at batch 1 is said so in the output and the exit code is 1 (not a usage error).
/// </summary>
internal static class FitCommand
{
    public static Command Build(CliContext ctx)
    {
        var path = new Argument<string?>("PATH") { Description = "A built-in network name (cnnmem zoo lists them), a .cnn spec file, an .onnx file, or a Keras model (.json, .keras).", Arity = ArgumentArity.ZeroOrOne };
        var memory = new Option<string?>("--memory") { HelpName = "SIZE", Description = "Memory budget, e.g. 24GiB or 80GB." };
        var device = new Option<string?>("--device") { HelpName = "GPU", Description = $"A GPU whose memory is the budget: {string.Join(", ", DeviceTable.Devices.Keys)}." };
        var listDevices = new Option<bool>("--list-devices") { Description = "List the known GPUs and their memory, then exit." };
        var optimizers = new Option<string[]>("--optimizer")
        {
            Description = $"Optimizers to fit training for (repeatable): {string.Join(", ", Optimizers.Names)}.",
            Arity = ArgumentArity.ZeroOrMore,
            DefaultValueFactory = _ => ["sgd", "adam"],
        };
        var model = new ModelCliOptions("Output format: table (for people), json (the machine contract), csv (one row per mode) or markdown.");
        var parallel = new ParallelCliOptions();
        var input = CliCommands.InputOption();

        var fit = new Command(
            "fit",
            "The largest batch that fits a memory budget, for inference and training, with the memory at that batch and the headroom " +
            $"(default --backend {MemoryCliOptions.DefaultBackend}; takes analyze's model options).")
        {
            path, memory, device, listDevices, optimizers, input,
        };
        model.AddTo(fit);
        foreach (var o in parallel.All)
        {
            fit.Options.Add(o);
        }
        fit.SetAction(r => r.GetValue(listDevices)
            ? ListDevices(ctx)
            : Run(ctx, r.GetValue(path), r.GetValue(memory), r.GetValue(device), r.GetValue(optimizers) ?? [], DeviceUnits(model, r, r.GetValue(device) is not null),
                parallel.ReadWithAuto(r), ImageSize.Parse(r.GetValue(input))));
        return fit;
    }

    /// <summary>GPUs are sold in GiB: with --device the figures are in IEC units unless --units says otherwise.</summary>
    private static ModelSettings DeviceUnits(ModelCliOptions model, ParseResult r, bool device)
    {
        var settings = model.Read(r);
        return device && !model.UnitsGiven(r) ? settings with { Units = Rendering.UnitSystem.Iec } : settings;
    }

    public static int ListDevices(CliContext ctx)
    {
        foreach (var (name, bytes) in DeviceTable.Devices)
        {
            var card = DeviceTable.Describe(name);
            ctx.Out.WriteLine($"{name,-12} {Rendering.ByteFormat.Bytes(bytes, Rendering.UnitSystem.Iec),-10} ({Rendering.ByteFormat.Count(bytes)} bytes) sold as {card.Nominal}; {card.Source}");
        }
        ctx.Out.WriteLine("Budgets are what CUDA reports as the device's total memory (less than the size sold); common names work too: h100, a100-40g, rtx 4090, 4090.");
        return ExitCodes.Success;
    }

    public static int Run(
        CliContext ctx, string? path, string? memory, string? device, IReadOnlyList<string> optimizers, ModelSettings settings,
        (DataParallelOptions? Options, bool Auto) parallel = default, ImageSize? input = null)
    {
        if (path is null)
        {
            throw new CnnMemException("fit needs a model: cnnmem fit PATH --device GPU (or --memory SIZE); --list-devices lists the GPUs");
        }
        if ((memory is null) == (device is null))
        {
            throw new CnnMemException("fit needs exactly one budget: --memory SIZE (e.g. 24GiB) or --device GPU (e.g. a100-80gb)");
        }
        device = device is null ? null : DeviceTable.Resolve(device);
        var budget = memory is not null ? MemoryCliOptions.Size("--memory", memory) : DeviceTable.Bytes(device!);
        var parsed = optimizers.Select(Optimizers.Parse).ToArray();
        var model = ctx.Loader.Load(path, input);
        BatchChoice.CheckDimNames(model.Graph, settings.Dims);
        if (model.Graph.BatchSymbol is { } symbol && settings.Dims.ContainsKey(symbol))
        {
            throw new CnnMemException($"--dim {symbol} sets the batch, which fit searches for; drop it");
        }
        var options = new AnalysisOptions
        {
            DType = settings.DType,
            Dims = settings.Dims,
            AllowUnknown = settings.AllowUnknown,
            Freeze = settings.Freeze,
            Memory = DeviceTable.OnDevice(settings.Memory, device),
            Registry = ctx.Registry,
        };
        var results = new List<FitResult> { FitModel.FitInference(model.Graph, options, budget) };
        var training = parsed.Select(o => options with { Optimizer = o }).ToArray();
        results.AddRange(training.Select(t => FitModel.FitTraining(model.Graph, t, budget)));
        var perDevice = parallel.Options is { } p
            ? training.SelectMany(t => parallel.Auto ? ParallelFit.FitAll(model.Graph, t, p, budget) : [ParallelFit.Fit(model.Graph, t, p, budget)]).ToArray()
            : null;

        var fitted = new FitRenderer(model.Graph.Name, budget, device ?? memory!, settings, results)
        {
            Parallel = perDevice,
            Card = device is null ? null : DeviceTable.Describe(device),
        };
        if (settings.OutputFile is { } file)
        {
            File.WriteAllText(file, fitted.Render(settings.Format), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            ctx.Error.WriteLine($"cnnmem: wrote {settings.Format.ToString().ToLowerInvariant()} to {file}");
        }
        else
        {
            ctx.Out.Write(fitted.Render(settings.Format));
        }
        return results.Any(r => r.Batch == 0) ? ExitCodes.AnalysisProblem : ExitCodes.Success;
    }
}
