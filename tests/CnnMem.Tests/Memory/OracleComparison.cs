using System.Text.Json;
using CnnMem.Onnx;
using CnnMem.Pipeline;
using CnnMem.Memory.Models;

namespace CnnMem.Tests.Memory;

/// <summary>
/// Compares the framework model with PyTorch's own measurements (TestData/oracle):
/// 1. import <c>models/M.train.onnx</c> (training-mode export, batch axis N; else <c>M.dyn.onnx</c>) and bind the batch;
/// 2. run the inference and training models (sgd, momentum, adam; CPU, oneDNN on);
/// 3. pair each figure with the JSON field that defines it, with the tolerance.
/// </summary>
public static class OracleComparison
{
    public static string OracleDir => Path.Combine(AppContext.BaseDirectory, "TestData", "oracle");

    /// <summary>Networks measured for cnnmem with <c>tools/oracle/measure.py</c> (the same method; video networks, convnext_tiny).</summary>
    public static string MeasuredDir => Path.Combine(AppContext.BaseDirectory, "TestData", "measured");

    public static IEnumerable<(string Model, long Batch)> Cases() => Cases(OracleDir);

    public static IEnumerable<(string Model, long Batch)> Cases(string dir) =>
        Directory.GetFiles(Path.Combine(dir, "results"), "*__b*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .Select(n => n!.Split("__b"))
            .Where(p => File.Exists(ModelFile(dir, p[0])))
            .Select(p => (p[0], long.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)))
            .OrderBy(c => c.Item1, StringComparer.Ordinal).ThenBy(c => c.Item2);

    /// <summary>
    /// The training-mode export, or for a network PyTorch 1.13 cannot export in training mode (StochasticDepth: efficientnet_b0)
    /// the eval export with a batch axis, which lacks only the small dropout and stochastic-depth masks.
    /// </summary>
    public static string ModelFile(string model) => ModelFile(OracleDir, model);

    public static string ModelFile(string dir, string model)
    {
        var train = Path.Combine(dir, "models", model + ".train.onnx");
        return File.Exists(train) ? train : Path.Combine(dir, "models", model + ".dyn.onnx");
    }

    public static IEnumerable<OracleRow> Rows(string model, long batch) => Rows(OracleDir, model, batch);

    /// <summary>The figures of one results file; a file measured with <c>--inference-only</c> gives the inference peaks only.</summary>
    public static IEnumerable<OracleRow> Rows(string dir, string model, long batch)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "results", $"{model}__b{batch}.json")));
        var root = doc.RootElement;
        var memory = root.GetProperty("memory");
        var mem = memory.GetProperty("mkldnn_on");
        var graph = OnnxImporter.Import(ModelFile(dir, model));
        var inference = Analyzer.Infer(graph, new AnalysisOptions(), batch);
        var options = MemoryOptions.PyTorch113Cpu; // what the oracle measured
        var inf = InferenceModel.Compute(inference, options);
        long L(JsonElement e, string name) => e.GetProperty(name).GetInt64();
        if (root.TryGetProperty("inference_only", out var only) && only.GetBoolean())
        {
            yield return new(model, batch, "activation_peak_bytes", L(mem.GetProperty("inference"), "peak_above_baseline"), inf.ActivationPeakBytes, 0.10);
            yield break;
        }
        var train = mem.GetProperty("train");
        var steady = mem.GetProperty("steady_state").GetProperty("optimizers");
        var sgd = TrainingModel.Compute(inference, options with { Optimizer = Optimizer.Sgd });

        yield return new(model, batch, "param_plus_buffer_bytes", L(root.GetProperty("static"), "param_bytes") + L(root.GetProperty("static"), "buffer_bytes"), sgd.PersistentBytes - sgd.GradientBytes, 0);
        yield return new(model, batch, "gradient_bytes", L(train, "grad_bytes_analytic"), sgd.GradientBytes, 0);
        yield return new(model, batch, "saved_for_backward_bytes", L(root.GetProperty("saved"), "saved_bytes_excl_params"), sgd.SavedForBackwardBytes, 0.01);
        yield return new(model, batch, "forward_peak_bytes", L(train, "forward_peak"), sgd.ForwardPeakBytes, 0.05);
        yield return new(model, batch, "backward_peak_bytes", L(train, "backward_peak"), sgd.BackwardPeakBytes, 0.05);
        foreach (var (name, opt) in new[] { ("sgd", Optimizer.Sgd), ("sgd_momentum", Optimizer.Momentum), ("adam", Optimizer.Adam) })
        {
            var t = opt == Optimizer.Sgd ? sgd : TrainingModel.Compute(inference, options with { Optimizer = opt });
            yield return new(model, batch, $"optimizer_state_bytes[{name}]", L(steady.GetProperty(name), "state_bytes"), t.OptimizerStateBytes, 0);
            yield return new(model, batch, $"steady_peak_bytes[{name}]", L(steady.GetProperty(name), "steady_peak_above_static"), t.SteadyPeakBytes, 0.05);
        }
        yield return new(model, batch, "activation_peak_bytes", L(mem.GetProperty("inference"), "peak_above_baseline"), inf.ActivationPeakBytes, 0.10);
    }
}
