using System.Text.Json;
using CnnMem.Import.Keras;
using CnnMem.Reports;
using CnnMem.Pipeline;

namespace CnnMem.Tests.Keras;

/// <summary>
/// The Keras test models in TestData/keras: NAME.json (model.to_json() as TensorFlow.js writes it),
/// NAME.tfjs.json (TensorFlow.js's own save format) and NAME.expected.json (what TensorFlow.js reports:
/// each layer's output shape, countParams() and trainable parameters), written by tools/keras-testdata/gen.js.
/// </summary>
internal static class KerasTestData
{
    public static string Dir => Path.Combine(AppContext.BaseDirectory, "TestData", "keras");

    /// <summary>The source folder (for the generator check), found from the output folder upwards.</summary>
    public static string? SourceDir()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "CnnMem.slnx")))
            {
                return d.FullName;
            }
        }
        return null;
    }

    public static IEnumerable<string> Models() =>
        Directory.GetFiles(Dir, "*.expected.json").Select(f => Path.GetFileName(f)[..^".expected.json".Length]).Order(StringComparer.Ordinal);

    /// <summary>(model file, expected file) for every model file: NAME.json and NAME.tfjs.json.</summary>
    public static IEnumerable<object[]> Files() =>
        from m in Models()
        from f in new[] { $"{m}.json", $"{m}.tfjs.json" }
        where File.Exists(Path.Combine(Dir, f))
        select new object[] { f, m };

    public static ExpectedModel Expected(string model)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, $"{model}.expected.json")));
        var r = doc.RootElement;
        var layers = r.GetProperty("layers").EnumerateArray().Select(l => new ExpectedLayer(
            l.GetProperty("name").GetString()!,
            l.GetProperty("class_name").GetString()!,
            l.GetProperty("output_shape").EnumerateArray().Select(d => d.ValueKind == JsonValueKind.Null ? (long?)null : d.GetInt64()).ToArray(),
            l.GetProperty("params").GetInt64(),
            l.GetProperty("trainable_params").GetInt64())).ToList();
        return new ExpectedModel(r.GetProperty("params").GetInt64(), r.GetProperty("trainable_params").GetInt64(), layers);
    }

    public static AnalysisReport Analyze(string file, long batch = 1, bool allowUnknown = false) =>
        Analyzer.Analyze(KerasImporter.Import(Path.Combine(Dir, file)), new AnalysisOptions { Batch = batch, AllowUnknown = allowUnknown });

    /// <summary>A shape as the user sees it (Keras's layout), batch first.</summary>
    public static long?[] Shown(CnnMem.Shape shape, DisplayLayout layout) => CnnMem.Rendering.DisplayShapes.Sizes(shape, layout)!;
}
