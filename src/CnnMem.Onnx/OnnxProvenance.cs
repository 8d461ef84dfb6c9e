using System.Collections.Immutable;
using System.Text.Json;
using CnnMem.Graphs;

namespace CnnMem.Onnx;

/// <summary>
/// What the file says about how it was made, beyond its graph:
/// 1. <c>cnnmem.frozen_params</c> (metadata written by cnnmem's Python package): a JSON array of the parameter
///    (initializer) names whose <c>requires_grad</c> is False; a name that is no initializer is an error.
/// 2. Signs of an inference-mode export, which silently lowers every training figure: BatchNorm folded into the
///    convolutions (PyTorch's constant folding renames the weights it rewrote <c>onnx::Conv_193</c>), BatchNormalization
///    in inference mode, or <c>cnnmem.exporter</c> saying so. Each becomes one warning that says how to export for training.
/// 3. <c>cnnmem.source</c> (written by the Python package into the temporary file it analyses): what the model was made
///    from, e.g. <c>PyTorch module torchvision.models.resnet.ResNet</c>; reports and errors name it instead of the file's
///    path, which is deleted when the call returns.
/// </summary>
internal static class OnnxProvenance
{
    public const string FrozenKey = "cnnmem.frozen_params";
    public const string ExporterKey = "cnnmem.exporter";
    public const string SourceKey = "cnnmem.source";

    internal const string TrainingRecipe =
        "export for training with torch.onnx.export(model.train(), x, path, training=torch.onnx.TrainingMode.TRAINING, do_constant_folding=False), " +
        "or let cnnmem's Python package do it: cnnmem.estimate(model, input_size)";

    public static ModelGraph Apply(ModelGraph graph, OnnxModelBytes model)
    {
        var frozen = Frozen(graph, model.Metadata);
        var warning = EvalModeWarning(graph, model);
        return graph with
        {
            Source = SourceLabel(model.Metadata) ?? graph.Source,
            FrozenParams = frozen,
            ImportWarnings = warning is null ? graph.ImportWarnings : graph.ImportWarnings.Add(warning),
        };
    }

    private static string? SourceLabel(IReadOnlyList<KeyValuePair<string, string>> metadata) =>
        metadata.Where(p => p.Key == SourceKey && !string.IsNullOrWhiteSpace(p.Value)).Select(p => p.Value.Trim()).LastOrDefault();

    private static ImmutableHashSet<string> Frozen(ModelGraph graph, IReadOnlyList<KeyValuePair<string, string>> metadata)
    {
        var builder = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var (key, value) in metadata)
        {
            if (key != FrozenKey)
            {
                continue;
            }
            foreach (var name in Names(value))
            {
                if (!graph.Initializers.ContainsKey(name))
                {
                    throw new CnnMemException($"metadata '{FrozenKey}' names '{name}', which is not a parameter (initializer) of the graph");
                }
                builder.Add(name);
            }
        }
        return builder.ToImmutable();
    }

    private static List<string> Names(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new CnnMemException($"metadata '{FrozenKey}' must be a JSON array of parameter names, found {doc.RootElement.ValueKind.ToString().ToLowerInvariant()}");
            }
            var names = new List<string>();
            foreach (var e in doc.RootElement.EnumerateArray())
            {
                names.Add(e.ValueKind == JsonValueKind.String
                    ? e.GetString()!
                    : throw new CnnMemException($"metadata '{FrozenKey}' must list parameter names as strings, found {e.ValueKind.ToString().ToLowerInvariant()} {e.GetRawText()}"));
            }
            return names;
        }
        catch (JsonException e)
        {
            throw new CnnMemException($"metadata '{FrozenKey}' is not valid JSON ({e.Message})", e);
        }
    }

    /// <summary>One warning when the file looks like an inference-mode export of a PyTorch model, naming the evidence.</summary>
    private static string? EvalModeWarning(ModelGraph graph, OnnxModelBytes model)
    {
        if (ExporterSays(model.Metadata) is { } said)
        {
            return $"this is an inference-mode export ({said}): training figures from it are too low if the model has Dropout (an inference-mode export removes it); {TrainingRecipe}";
        }
        if (!IsPyTorch(model))
        {
            return null;
        }
        if (Folded(graph) is { } folded)
        {
            return $"this is an inference-mode export (BatchNorm folded into {folded}): training figures from it are too low (the BatchNorm layers, their saved inputs and statistics are gone, and so is any Dropout); {TrainingRecipe}";
        }
        return InferenceBatchNorm(graph) is { } bn
            ? $"this looks like an inference-mode export ({bn}): training figures count BatchNorm as in training, but are too low if the model has Dropout (an inference-mode export removes it); {TrainingRecipe}"
            : null;
    }

    private static bool IsPyTorch(OnnxModelBytes model) => model.Producer.Name.Equals("pytorch", StringComparison.OrdinalIgnoreCase);

    /// <summary>The export mode cnnmem's Python package recorded (<c>{"mode": "eval"}</c>), when it is not training.</summary>
    private static string? ExporterSays(IReadOnlyList<KeyValuePair<string, string>> metadata)
    {
        foreach (var (key, value) in metadata)
        {
            if (key == ExporterKey && Mode(value) is { } mode && mode != "training")
            {
                return $"metadata '{ExporterKey}' says mode '{mode}'";
            }
        }
        return null;
    }

    /// <summary>The "mode" string of the exporter's JSON object; null when it has none (a record from another tool is not an error).</summary>
    private static string? Mode(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("mode", out var m) && m.ValueKind == JsonValueKind.String
                ? m.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Constant folding merged BatchNorm into the convolution before it: the rewritten weight got an exporter name.</summary>
    private static string? Folded(ModelGraph graph)
    {
        var folded = graph.Nodes
            .Where(n => n.Op is "Conv" or "ConvTranspose" && n.Inputs.Length > 1 && n.Inputs[1].StartsWith("onnx::", StringComparison.Ordinal) && graph.Initializers.ContainsKey(n.Inputs[1]))
            .ToList();
        return folded.Count == 0 || graph.Nodes.Any(n => n.Op == "BatchNormalization")
            ? null
            : $"{folded.Count} convolution(s), whose rewritten weights the exporter named '{folded[0].Inputs[1]}', ...";
    }

    private static string? InferenceBatchNorm(ModelGraph graph)
    {
        var bn = graph.Nodes.Where(n => n.Op == "BatchNormalization").ToList();
        if (bn.Count == 0)
        {
            return null;
        }
        var training = bn.Count(n => n.Attributes.Int("training_mode", 0) == 1 || n.Outputs.Length > 1);
        return training > 0 ? null : $"its {bn.Count} BatchNormalization node(s) run in inference mode";
    }
}
