using System.Collections.Immutable;
using System.Text.Json;
using CnnMem.Graphs;
using CnnMem.Onnx;
using CnnMem.Pipeline;
using CnnMem.Memory.Models;

namespace CnnMem.Tests.Memory;

/// <summary>
/// Fine-tuning measured by PyTorch (TestData/frozen, written by tools/frozen/measure_frozen.py with the CPU oracle's own
/// measure.py): each file is one network, batch and set of --freeze/--trainable rules.
/// 1. import the training-mode export (the oracle's, or TestData/frozen/models/ for networks the oracle lacks);
/// 2. apply the same rules through <see cref="AnalysisOptions.Freeze"/>;
/// 3. pair each figure with the measurement that defines it, with the oracle tests' tolerances.
/// </summary>
internal static class FrozenOracle
{
    public static string Dir => Path.Combine(AppContext.BaseDirectory, "TestData", "frozen");

    public static IEnumerable<string> Cases() =>
        Directory.GetFiles(Dir, "*__*__b*.json").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal);

    public static string ModelFile(string model)
    {
        var own = Path.Combine(Dir, "models", model + ".train.onnx");
        return File.Exists(own) ? own : OracleComparison.ModelFile(model);
    }

    public static (JsonDocument Doc, ModelGraph Graph, AnalysisOptions Options, long Batch) Load(string name, Func<string, ModelGraph>? graph = null)
    {
        var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, name + ".json")));
        var root = doc.RootElement;
        var model = root.GetProperty("model").GetString()!;
        var rules = root.GetProperty("freeze_rules").EnumerateArray()
            .Select(r => new FreezeRule(r.GetProperty("pattern").GetString()!, r.GetProperty("trainable").GetBoolean()))
            .ToImmutableArray();
        var g = graph is null ? OnnxImporter.Import(ModelFile(model)) : graph(model);
        return (doc, g, new AnalysisOptions { Freeze = rules, Memory = MemoryOptions.PyTorch113Cpu }, root.GetProperty("batch").GetInt64());
    }

    public static IEnumerable<OracleRow> Rows(string name, Func<string, ModelGraph>? graph = null)
    {
        var (doc, g, options, batch) = Load(name, graph);
        using var _ = doc;
        var root = doc.RootElement;
        var mem = root.GetProperty("memory").GetProperty("mkldnn_on");
        var train = mem.GetProperty("train");
        var steady = mem.GetProperty("steady_state").GetProperty("optimizers");
        var inference = Analyzer.Infer(g, options, batch);
        var memory = MemoryOptions.PyTorch113Cpu;
        var sgd = TrainingModel.Compute(inference, memory with { Optimizer = Optimizer.Sgd });
        long L(JsonElement e, string field) => e.GetProperty(field).GetInt64();
        var frozen = inference.Nodes.SelectMany(n => n.Params).Where(p => !p.IsBuffer && !inference.IsTrainable(p)).Sum(p => p.Elements);

        yield return new(name, batch, "non_trainable_params", L(root.GetProperty("static"), "non_trainable_param_count"), frozen, 0);
        yield return new(name, batch, "gradient_bytes", L(train, "grad_bytes_analytic"), sgd.GradientBytes, 0);
        yield return new(name, batch, "saved_for_backward_bytes", L(root.GetProperty("saved"), "saved_bytes_excl_params"), sgd.SavedForBackwardBytes, 0.01);
        yield return new(name, batch, "forward_peak_bytes", L(train, "forward_peak"), sgd.ForwardPeakBytes, 0.05);
        yield return new(name, batch, "backward_peak_bytes", L(train, "backward_peak"), sgd.BackwardPeakBytes, 0.05);
        foreach (var (opt, o) in new[] { ("sgd", Optimizer.Sgd), ("sgd_momentum", Optimizer.Momentum), ("adam", Optimizer.Adam) })
        {
            var t = o == Optimizer.Sgd ? sgd : TrainingModel.Compute(inference, memory with { Optimizer = o });
            yield return new(name, batch, $"optimizer_state_bytes[{opt}]", L(steady.GetProperty(opt), "state_bytes"), t.OptimizerStateBytes, 0);
            yield return new(name, batch, $"steady_peak_bytes[{opt}]", L(steady.GetProperty(opt), "steady_peak_above_static"), t.SteadyPeakBytes, 0.05);
        }
    }
}
