using System.CommandLine;
using System.Text.Json;
using CnnMem.Analysis;
using CnnMem.Core;
using CnnMem.Memory;
using CnnMem.Rendering;

namespace CnnMem.Cli.Commands;

/// <summary>
/// <c>cnnmem fit PATH (--memory SIZE | --device NAME) [--optimizer O]... [--dtype T] [--mixed-precision] [--backend cpu|cuda]
/// [--checkpoint every=K|sqrt] [--format table|json] | fit --list-devices</c>:
/// 1. check the budget (exactly one of --memory and --device), the dtype and the optimizers;
/// 2. load the model and find the largest batch that fits, for inference and for training with each optimizer;
/// 3. print each with the memory at that batch, the headroom left and the memory of the next batch (or JSON).
/// A mode that does not fit even at batch 1 is said so in the output and the exit code is 1 (not a usage error).
/// </summary>
public static class FitCommand
{
    private static readonly JsonSerializerOptions Json = JsonConventions.Create(CliJsonContext.Default);

    public static Command Build(CliContext ctx)
    {
        var path = new Argument<string?>("PATH") { Description = "A built-in network name, a .cnn spec file or an .onnx file.", Arity = ArgumentArity.ZeroOrOne };
        var memory = new Option<string?>("--memory") { HelpName = "SIZE", Description = "Memory budget, e.g. 24GiB or 80GB." };
        var device = new Option<string?>("--device") { HelpName = "GPU", Description = $"A GPU whose memory is the budget: {string.Join(", ", DeviceTable.Devices.Keys)}." };
        var listDevices = new Option<bool>("--list-devices") { Description = "List the known GPUs and their memory, then exit." };
        var optimizers = new Option<string[]>("--optimizer")
        {
            Description = $"Optimizers to fit training for (repeatable): {string.Join(", ", Optimizers.Names)}.",
            Arity = ArgumentArity.ZeroOrMore,
            DefaultValueFactory = _ => ["sgd", "adam"],
        };
        var dtype = new Option<string>("--dtype") { Description = "Weights and activations element type.", DefaultValueFactory = _ => "float32" };
        var format = new Option<string>("--format", "-f") { Description = "Output format: table or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var units = new Option<string>("--units") { Description = "Byte units: si or iec.", DefaultValueFactory = _ => "si" };

        var fit = new Command("fit", "The largest batch that fits a memory budget, for inference and training, with the memory at that batch and the headroom.")
        {
            path, memory, device, listDevices, optimizers, dtype, format, units,
        };
        // the framework-model options are analyze's, declared once; fit asks the question people bring to a GPU, so cuda by default
        var model = new MemoryCliOptions(defaultBackend: "cuda");
        foreach (var o in model.All)
        {
            fit.Options.Add(o);
        }
        fit.SetAction(r => r.GetValue(listDevices)
            ? ListDevices(ctx)
            : Run(ctx, r.GetValue(path), r.GetValue(memory), r.GetValue(device), r.GetValue(optimizers) ?? [],
                r.GetValue(dtype)!, model.Read(r), r.GetValue(format)!, r.GetValue(units)!));
        return fit;
    }

    public static int ListDevices(CliContext ctx)
    {
        foreach (var (name, bytes) in DeviceTable.Devices)
        {
            ctx.Out.WriteLine($"{name,-12} {ByteFormat.Bytes(bytes, UnitSystem.Iec)} ({ByteFormat.Count(bytes)} bytes)");
        }
        return ExitCodes.Success;
    }

    public static int Run(
        CliContext ctx, string? path, string? memory, string? device, IReadOnlyList<string> optimizers, string dtype,
        MemoryOptions memoryOptions, string format = "table", string units = "si")
    {
        if (path is null)
        {
            throw new CnnMemException("fit needs a model: cnnmem fit PATH --device GPU (or --memory SIZE); --list-devices lists the GPUs");
        }
        if ((memory is null) == (device is null))
        {
            throw new CnnMemException("fit needs exactly one budget: --memory SIZE (e.g. 24GiB) or --device GPU (e.g. a100-80gb)");
        }
        var budget = memory is not null ? MemoryCliOptions.Size("--memory", memory) : DeviceTable.Bytes(device!);
        if (!DTypes.TryParse(dtype, out var type))
        {
            throw new CnnMemException($"unknown dtype '{dtype}'; expected one of {string.Join(", ", DTypes.AllNames)}");
        }
        if (!ByteFormat.TryParse(units, out var unitSystem))
        {
            throw new CnnMemException($"unknown units '{units}'; expected si (kB = 10^3 bytes) or iec (KiB = 2^10 bytes)");
        }
        var parsed = new List<Optimizer>();
        foreach (var name in optimizers)
        {
            parsed.Add(Optimizers.TryParse(name, out var o) ? o
                : throw new CnnMemException($"unknown optimizer '{name}'; expected one of {string.Join(", ", Optimizers.Names)}"));
        }
        var backend = memoryOptions.Backend == Backend.Cuda ? "cuda" : "cpu";
        var mixed = memoryOptions.MixedPrecision;
        var checkpoint = memoryOptions.CheckpointEvery switch { 0 => null, < 0 => "sqrt", var k => $"every={k}" };
        var model = ctx.Loader.Load(path);
        var options = new AnalysisOptions { DType = type, Memory = memoryOptions, Registry = ctx.Registry };
        var results = new List<FitResult> { FitModel.FitInference(model.Graph, options, budget) };
        results.AddRange(parsed.Select(o => FitModel.FitTraining(model.Graph, options, o, budget)));

        if (format == "json")
        {
            var doc = new FitDocument(model.Graph.Name, budget, device ?? memory!, backend, DTypes.Name(type), mixed, "bytes", results);
            ctx.Out.Write(JsonConventions.Serialize(doc, Json));
        }
        else
        {
            string Bytes(long b) => $"{ByteFormat.Bytes(b, unitSystem)} ({ByteFormat.Count(b)} bytes)";
            ctx.Out.WriteLine($"{model.Graph.Name}: budget {Bytes(budget)} ({device ?? memory}), backend {backend}, {DTypes.Name(type)}{(mixed ? ", mixed precision" : "")}{(checkpoint is null ? "" : $", checkpoint {checkpoint}")}");
            foreach (var r in results)
            {
                ctx.Out.WriteLine(r.Batch == 0
                    ? $"  {r.Mode}: does not fit even at batch 1, which needs {Bytes(r.BytesAtNextBatch)}"
                    : $"  {r.Mode}: batch {ByteFormat.Count(r.Batch)} needs {Bytes(r.BytesAtBatch)}, headroom {Bytes(r.HeadroomBytes)}" +
                      (r.BytesAtNextBatch > 0 ? $"; batch {ByteFormat.Count(r.Batch + 1)} would need {Bytes(r.BytesAtNextBatch)}" : ""));
            }
            ctx.Out.WriteLine(ByteFormat.Footnote(unitSystem));
        }
        return results.Any(r => r.Batch == 0) ? ExitCodes.AnalysisProblem : ExitCodes.Success;
    }
}
