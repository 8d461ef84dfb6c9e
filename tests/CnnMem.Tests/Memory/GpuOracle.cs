using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using CnnMem.Cli;
using CnnMem.Tests.Cli;

namespace CnnMem.Tests.Memory;

/// <summary>
/// An in-process port of compare_gpu.py (TestData/oracle/gpu, a copy of ../shared/oracle/gpu) that runs the CLI itself,
/// so the flags, the analysis and the JSON field names are all under test:
/// 1. every run of gpu_results.json except non-ok runs and the one marked first_in_process;
/// 2. per case (<see cref="GpuCase"/>), <c>cnnmem analyze M --batch B --backend cuda --framework pytorch-2 FLAGS --format json</c>
///    on M.train.onnx (else M.dyn.onnx) for training figures and on M.dyn.onnx for inference figures;
/// 3. the JSON fields paired with the measured entry and compare_gpu.py's tolerance (5% steady peaks, 10% the rest);
/// 4. <c>cnnmem fit</c> at the measured 16 GiB allocator budget against the largest batches measured to fit.
/// A flag the CLI rejects or a field the JSON lacks becomes the row's problem: the tests fail on it, the docs show it.
/// </summary>
public static class GpuOracle
{
    private static readonly string[] Common = ["--backend", "cuda", "--framework", "pytorch-2"];
    private static readonly Lazy<JsonElement> Results = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, "gpu_results.json"))).RootElement);
    private static readonly ConcurrentDictionary<string, Lazy<object>> Cache = new();

    public static string Dir => Path.Combine(OracleComparison.OracleDir, "gpu");

    public static JsonElement Environment => Results.Value.GetProperty("environment");

    /// <summary>The runs compare_gpu.py compares: status ok, not first in their process, with a model file.</summary>
    public static IEnumerable<(string Model, long Batch)> Runs() =>
        Results.Value.GetProperty("runs").EnumerateArray()
            .Where(r => Text(r, "status") == "ok" && !(r.TryGetProperty("first_in_process", out var f) && f.ValueKind == JsonValueKind.True))
            .Select(r => (Text(r, "model")!, r.GetProperty("batch").GetInt64()))
            .Where(r => ModelFile(r.Item1, training: true) is not null)
            .OrderBy(r => r.Item1, StringComparer.Ordinal).ThenBy(r => r.Item2);

    /// <summary>Every compared (model, batch, figure), in gpu_results.json's order, read from the data alone (no analysis).</summary>
    public static IEnumerable<(string Model, long Batch, string Figure)> RowIds() =>
        Runs().SelectMany(r => GpuCase.All.Where(c => Run(r.Model, r.Batch).TryGetProperty(c.Section, out _))
            .SelectMany(c => c.Figures()).Select(f => (r.Model, r.Batch, f)));

    public static IEnumerable<GpuRow> Rows() => RowIds().Select(r => Row(r.Model, r.Batch, r.Figure));

    public static GpuRow Row(string model, long batch, string figure)
    {
        var key = figure.Split('[')[0];
        var c = GpuCase.Get(figure.Split('[', ']')[1]);
        var run = Run(model, batch);
        var g = run.GetProperty(c.Section).GetProperty(c.Entry);
        var inference = run.GetProperty("inference");
        var (measured, tolerance) = key switch
        {
            "steady_peak" => (Long(g, "steady_peak_above_static"), 0.05),
            "amp_transient" => (Math.Max(Long(g, "forward_peak"), Long(g, "backward_peak")), 0.10),
            "train_reserved" => (Long(g, "reserved_peak"), 0.10),
            "inference_peak" => (Long(inference, "peak_above"), 0.10),
            "infer_reserved" => (Long(inference, "reserved_peak"), 0.10),
            _ => throw new ArgumentException($"unknown GPU figure '{figure}'", nameof(figure)),
        };
        var training = key is not ("inference_peak" or "infer_reserved");
        var args = new List<string> { "analyze", ModelFile(model, training)!, "--batch", batch.ToString(CultureInfo.InvariantCulture) };
        args.AddRange(Common);
        args.AddRange(c.Flags);
        try
        {
            var json = Cnnmem(args);
            long F(string path) => Field(json, path);
            long estimated = key switch
            {
                "steady_peak" => F("memory.training.steady_peak_bytes"),
                "amp_transient" => checked(F("memory.training.steady_peak_bytes") - F("memory.training.gradient_bytes") - F("memory.training.optimizer_state_bytes")),
                "train_reserved" => F("memory.device.training_reserved_peak_bytes"),
                "inference_peak" => F("memory.inference.activation_peak_bytes"),
                _ => F("memory.device.inference_reserved_peak_bytes"),
            };
            return new GpuRow(model, batch, figure, measured, estimated, tolerance);
        }
        catch (GpuCliException e)
        {
            return new GpuRow(model, batch, figure, measured, null, tolerance, e.Message);
        }
    }

    /// <summary>The fit checks: (model, mode) for every model of the 'fit' section with a momentum training measurement.</summary>
    public static IEnumerable<(string Model, string Mode)> FitIds() =>
        !Results.Value.TryGetProperty("fit", out var fit) ? [] :
        fit.GetProperty("models").EnumerateObject()
            .Where(m => ModelFile(m.Name, training: true) is not null && m.Value.TryGetProperty("train_sgd_momentum", out _))
            .SelectMany(m => new[] { (m.Name, "training"), (m.Name, "inference") });

    public static IEnumerable<GpuFitRow> FitRows() => FitIds().Select(f => Fit(f.Model, f.Mode));

    public static GpuFitRow Fit(string model, string mode)
    {
        var fit = Results.Value.GetProperty("fit");
        var measured = fit.GetProperty("models").GetProperty(model).GetProperty(mode == "training" ? "train_sgd_momentum" : "inference");
        var max = Long(measured, "max_batch");
        var share = mode == "training" ? 0.97 : 0.90;
        string[] args =
        [
            "fit", ModelFile(model, training: true)!, "--memory", $"{Long(fit, "budget_bytes").ToString(CultureInfo.InvariantCulture)}B",
            "--cuda-context", "0", "--backend", "cuda", "--optimizer", "momentum", "--zero-grad", "zero", "--framework", "pytorch-2",
        ];
        try
        {
            var json = Cnnmem(args);
            var batches = json.GetProperty("results").EnumerateArray()
                .ToDictionary(x => Text(x, "mode") == "inference" ? "inference" : "training", x => Long(x, "batch"));
            return batches.TryGetValue(mode, out var p)
                ? new GpuFitRow(model, mode, max, p, share)
                : new GpuFitRow(model, mode, max, null, share, $"the fit JSON has no {mode} result");
        }
        catch (Exception e) when (e is GpuCliException or KeyNotFoundException or InvalidOperationException)
        {
            return new GpuFitRow(model, mode, max, null, share, e.Message);
        }
    }

    /// <summary>
    /// Inference fit at the measured budget: the measured largest batch (measure_gpu.py's fit runs one forward from a
    /// clean cache), fit's batch (repeated forwards) and its first-forward batch (the batch when they agree).
    /// </summary>
    public static (long Measured, long Batch, long FirstForward) FirstForwardFit(string model)
    {
        var fit = Results.Value.GetProperty("fit");
        var measured = Long(fit.GetProperty("models").GetProperty(model).GetProperty("inference"), "max_batch");
        var json = Cnnmem(
        [
            "fit", ModelFile(model, training: true)!, "--memory", $"{Long(fit, "budget_bytes").ToString(CultureInfo.InvariantCulture)}B",
            "--cuda-context", "0", "--backend", "cuda", "--optimizer", "momentum", "--zero-grad", "zero", "--framework", "pytorch-2",
        ]);
        var r = json.GetProperty("results").EnumerateArray().First(x => Text(x, "mode") == "inference");
        var batch = Long(r, "batch");
        var first = r.GetProperty("first_forward_batch") is { ValueKind: JsonValueKind.Number } f ? f.GetInt64() : batch;
        return (measured, batch, first);
    }

    /// <summary>The file compare_gpu.py's model_file picks: M.train.onnx, else M.dyn.onnx, for training; M.dyn.onnx for inference.</summary>
    public static string? ModelFile(string model, bool training)
    {
        var names = training ? new[] { $"{model}.train.onnx", $"{model}.dyn.onnx" } : [$"{model}.dyn.onnx"];
        return names.Select(n => Path.Combine(OracleComparison.OracleDir, "models", n)).FirstOrDefault(File.Exists);
    }

    private static JsonElement Run(string model, long batch) =>
        Results.Value.GetProperty("runs").EnumerateArray().First(r => Text(r, "model") == model && r.GetProperty("batch").GetInt64() == batch
            && Text(r, "status") == "ok" && !(r.TryGetProperty("first_in_process", out var f) && f.ValueKind == JsonValueKind.True));

    /// <summary>Runs the CLI in-process with --format json (once per command line) and parses what it printed.</summary>
    private static JsonElement Cnnmem(IReadOnlyList<string> args)
    {
        var line = string.Join(' ', args.Append("--format").Append("json"));
        var outcome = Cache.GetOrAdd(line, _ => new Lazy<object>(() => Invoke([.. args, "--format", "json"]))).Value;
        return outcome is JsonElement json ? json : throw new GpuCliException((string)outcome);
    }

    private static object Invoke(string[] args)
    {
        var r = CliRun.Of(args);
        if (r.ExitCode != ExitCodes.Success)
        {
            var message = r.Error.Trim().ReplaceLineEndings(" ");
            return $"cnnmem {args[0]} exit {r.ExitCode}: {Shorten(message)}";
        }
        try
        {
            return JsonDocument.Parse(r.Out).RootElement.Clone();
        }
        catch (JsonException e)
        {
            return $"cnnmem printed no JSON: {e.Message}";
        }
    }

    private static long Field(JsonElement json, string path)
    {
        var e = json;
        foreach (var name in path.Split('.'))
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out e))
            {
                throw new GpuCliException($"the JSON output has no {path}");
            }
        }
        return e.ValueKind == JsonValueKind.Number ? e.GetInt64() : throw new GpuCliException($"{path} is {e.ValueKind}, not a number");
    }

    private static string Shorten(string message)
    {
        var relative = message.Replace(OracleComparison.OracleDir, "TestData/oracle", StringComparison.Ordinal);
        return relative.Length <= 300 ? relative : relative[..300] + "...";
    }

    private static long Long(JsonElement e, string name) => e.GetProperty(name).GetInt64();

    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetString() : null;
}
