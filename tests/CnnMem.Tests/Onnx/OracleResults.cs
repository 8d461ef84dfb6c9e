using System.Collections.Concurrent;
using System.Text.Json;

namespace CnnMem.Tests.Onnx;

/// <summary>
/// The PyTorch measurements in TestData/oracle (copied from the shared oracle; see its README.md),
/// and the test cases built from its manifest: each model's ONNX files at batch 1 and 8.
/// </summary>
internal static class OracleResults
{
    private static readonly ConcurrentDictionary<string, JsonElement> Cache = new(StringComparer.Ordinal);

    public static string Dir => ImportTestModels.OracleDir;

    /// <summary>Model names listed in models/manifest.json.</summary>
    public static IReadOnlyList<string> Models() =>
        Read(Path.Combine(Dir, "models", "manifest.json")).EnumerateObject().Select(p => p.Name).ToList();

    /// <summary>The files of a model: static (batch fixed at 1), dynamic (batch N) and, when present, with weights.</summary>
    public static IEnumerable<string> Files(string model)
    {
        yield return $"{model}.onnx";
        yield return $"{model}.dyn.onnx";
        if (File.Exists(Path.Combine(Dir, "models", $"{model}.full.onnx")))
        {
            yield return $"{model}.full.onnx";
        }
    }

    /// <summary>(model, file, batch) for every model file at batch 1 and 8.</summary>
    public static IEnumerable<object[]> Cases() =>
        from m in Models()
        from f in Files(m)
        from b in new[] { 1L, 8L }
        where b == 1 || !BakedBatchFiles.Contains(f)
        select new object[] { m, f, b };

    /// <summary>
    /// Static-batch exports whose exporter folded batch 1 into shape constants (ViT's patch Reshape to
    /// [1, 768, 196], ShuffleNet's channel-shuffle Reshape to [1, 2, 58, 28, 28]): they can only be analysed at batch 1; their dynamic export covers batch 8, and
    /// <c>OracleTests.Oracle_BakedBatch_FailsWithHint</c> checks the error a user gets.
    /// </summary>
    public static readonly IReadOnlySet<string> BakedBatchFiles = new HashSet<string>(StringComparer.Ordinal) { "vit_b_16.onnx", "shufflenet_v2_x1_0.onnx" };

    /// <summary>(model, file) pairs.</summary>
    public static IEnumerable<object[]> FileCases() =>
        from m in Models()
        from f in Files(m)
        select new object[] { m, f };

    /// <summary>The measurement JSON for a model at a batch size (results/M__bB.json).</summary>
    public static JsonElement Result(string model, long batch) =>
        Read(Path.Combine(Dir, "results", $"{model}__b{batch}.json"));

    private static JsonElement Read(string path) =>
        Cache.GetOrAdd(path, p =>
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(p));
            return doc.RootElement.Clone();
        });

    /// <summary>
    /// The PyTorch module an exported node belongs to. torch 1.13 names nodes by scope, e.g.
    /// <c>/layer1/layer1.0/conv1/Conv</c> or <c>/encoder/layers/encoder_layer_0/mlp/mlp.0/MatMul</c>:
    /// a segment with a dot is qualified relative to the segment before it (<c>mlp.0</c> under <c>mlp</c>),
    /// one without is a child name. Gives <c>layer1.0.conv1</c> and <c>encoder.layers.encoder_layer_0.mlp.0</c>.
    /// </summary>
    public static string ModuleOf(string nodeName)
    {
        var segments = nodeName.Trim('/').Split('/');
        var path = new List<string>();
        foreach (var s in segments.Take(segments.Length - 1))
        {
            var parts = s.Split('.');
            // "layer1.0" after "layer1": the segment repeats its parent's name as a prefix.
            if (parts.Length > 1 && path.Count >= parts.Length - 1 &&
                path.Skip(path.Count - (parts.Length - 1)).SequenceEqual(parts.Take(parts.Length - 1)))
            {
                path.Add(parts[^1]);
            }
            else
            {
                path.AddRange(parts);
            }
        }
        return string.Join(".", path);
    }
}
