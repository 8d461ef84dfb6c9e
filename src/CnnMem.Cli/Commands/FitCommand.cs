using System.CommandLine;
using System.Globalization;
using CnnMem.Analysis;
using CnnMem.Core;
using CnnMem.Memory;

namespace CnnMem.Cli.Commands;

/// <summary>
/// <c>cnnmem fit PATH (--memory SIZE | --device NAME) [--optimizer O]... [--dtype T] [--mixed-precision] [--backend cpu|cuda]</c>:
/// the largest batch that fits the budget, for inference and for training with each optimizer, with the memory
/// at that batch and the headroom left. Self-contained: wire it with <c>root.Subcommands.Add(FitCommand.Build(ctx))</c>.
/// </summary>
public static class FitCommand
{
    public static Command Build(CliContext ctx)
    {
        var path = new Argument<string>("PATH") { Description = "A built-in network name, a .cnn spec file or an .onnx file." };
        var memory = new Option<string?>("--memory") { HelpName = "SIZE", Description = "Memory budget, e.g. 24GiB or 80GB." };
        var device = new Option<string?>("--device") { HelpName = "GPU", Description = $"A GPU whose memory is the budget: {string.Join(", ", DeviceTable.Devices.Keys)}." };
        var optimizers = new Option<string[]>("--optimizer")
        {
            Description = $"Optimizers to fit training for (repeatable): {string.Join(", ", Optimizers.Names)}.",
            Arity = ArgumentArity.ZeroOrMore,
            DefaultValueFactory = _ => ["sgd", "adam"],
        };
        var dtype = new Option<string>("--dtype") { Description = "Weights and activations element type.", DefaultValueFactory = _ => "float32" };
        var mixed = new Option<bool>("--mixed-precision") { Description = "Autocast: fp32 master weights and gradients, half activations." };
        var backend = new Option<string>("--backend") { Description = "cpu or cuda (cuda adds the context and the caching allocator's rounding).", DefaultValueFactory = _ => "cuda" };
        backend.AcceptOnlyFromAmong("cpu", "cuda");
        var context = new Option<string?>("--cuda-context") { HelpName = "SIZE", Description = "CUDA context size (default 300MB)." };

        var fit = new Command("fit", "The largest batch that fits a memory budget, for inference and training.")
        {
            path, memory, device, optimizers, dtype, mixed, backend, context,
        };
        fit.SetAction(r => Run(ctx, r.GetRequiredValue(path), r.GetValue(memory), r.GetValue(device), r.GetValue(optimizers) ?? [],
            r.GetValue(dtype)!, r.GetValue(mixed), r.GetValue(backend)!, r.GetValue(context)));
        return fit;
    }

    public static int Run(CliContext ctx, string path, string? memory, string? device, IReadOnlyList<string> optimizers, string dtype, bool mixed, string backend, string? context)
    {
        if ((memory is null) == (device is null))
        {
            throw new CnnMemException("fit needs exactly one budget: --memory SIZE (e.g. 24GiB) or --device GPU (e.g. a100-80gb)");
        }
        var budget = memory is not null ? ByteSize.Parse(memory) : DeviceTable.Bytes(device!);
        if (!DTypes.TryParse(dtype, out var type))
        {
            throw new CnnMemException($"unknown dtype '{dtype}'; expected one of {string.Join(", ", DTypes.AllNames)}");
        }
        var memoryOptions = new MemoryOptions
        {
            Backend = backend == "cuda" ? Backend.Cuda : Backend.Cpu,
            MixedPrecision = mixed,
            CudaContextBytes = context is null ? new MemoryOptions().CudaContextBytes : ByteSize.Parse(context),
        };
        var model = ctx.Loader.Load(path);
        var options = new AnalysisOptions { DType = type, Memory = memoryOptions, Registry = ctx.Registry };
        var results = new List<FitResult> { FitModel.FitInference(model.Graph, options, budget) };
        foreach (var name in optimizers)
        {
            if (!Optimizers.TryParse(name, out var o))
            {
                throw new CnnMemException($"unknown optimizer '{name}'; expected one of {string.Join(", ", Optimizers.Names)}");
            }
            results.Add(FitModel.FitTraining(model.Graph, options, o, budget));
        }
        var ci = CultureInfo.InvariantCulture;
        ctx.Out.WriteLine(string.Create(ci, $"{model.Graph.Name}: budget {budget:N0} bytes ({device ?? memory}), backend {backend}"));
        foreach (var r in results)
        {
            ctx.Out.WriteLine(r.Batch == 0
                ? string.Create(ci, $"  {r.Mode}: does not fit even at batch 1 (needs {r.BytesAtNextBatch:N0} bytes)")
                : string.Create(ci, $"  {r.Mode}: batch {r.Batch}, {r.BytesAtBatch:N0} bytes, headroom {r.HeadroomBytes:N0} bytes (batch {r.Batch + 1} needs {r.BytesAtNextBatch:N0})"));
        }
        return results.Any(r => r.Batch == 0) ? ExitCodes.AnalysisProblem : ExitCodes.Success;
    }
}
