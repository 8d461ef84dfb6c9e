using CnnMem.Graphs;
using CnnMem.Onnx;
using CnnMem.Tests.Onnx.Reference;

namespace CnnMem.Tests.Onnx;

/// <summary>
/// The importer reads protobuf bytes itself; <see cref="ReferenceImporter"/> is the former importer over
/// OnnxSharp's parsed objects. On every oracle model and every ONNX backend node case both must give the
/// same graph, or fail with the same message.
/// </summary>
public class LeanReaderDifferentialTests
{
    public static TheoryData<string> OracleModels() =>
        new(Directory.GetFiles(Path.Combine(ImportTestModels.OracleDir, "models"), "*.onnx").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(OracleModels))]
    public void OracleModel_LeanReaderAndOnnxSharp_GiveTheSameGraph(string file)
    {
        var bytes = File.ReadAllBytes(ImportTestModels.OracleModel(file));
        foreach (var options in new[] { OnnxImportOptions.Default, new OnnxImportOptions { RebindStaticBatch = false, MaxValueElements = 0 } })
        {
            var problems = Compare(bytes, file, options);
            Assert.True(problems is null, $"{file}: {problems}");
        }
    }

    [NodeSuiteFact]
    public void NodeSuiteCases_LeanReaderAndOnnxSharp_GiveTheSameGraph()
    {
        Assert.True(Directory.Exists(NodeSuiteRunner.SuiteDir), $"the ONNX node test suite is missing at {NodeSuiteRunner.SuiteDir}");
        var models = Directory.GetDirectories(NodeSuiteRunner.SuiteDir)
            .Select(d => Path.Combine(d, "model.onnx"))
            .Where(File.Exists)
            .Order(StringComparer.Ordinal)
            .ToList();
        var results = models.AsParallel().AsOrdered()
            .Select(m => (Model: m, Problems: Compare(File.ReadAllBytes(m), Path.GetFileName(Path.GetDirectoryName(m))!, OnnxImportOptions.Default)))
            .ToList();
        var different = results.Where(r => r.Problems is not null).Select(r => $"{r.Model}: {r.Problems}").ToList();
        Assert.True(models.Count >= 900, $"only {models.Count} node cases found");
        Assert.True(different.Count == 0, $"{different.Count} case(s) differ:\n" + string.Join("\n", different.Take(20)));
    }

    /// <summary>Null when both importers agree (same graph, or the same error), else what differs.</summary>
    internal static string? Compare(byte[] bytes, string source, OnnxImportOptions options)
    {
        var lean = Import(() => OnnxImporter.ImportBytes(bytes, source, options));
        var reference = Import(() => ReferenceImporter.FromBytes(bytes, source, options));
        return (lean, reference) switch
        {
            ({ Graph: { } a }, { Graph: { } b }) => GraphDifferences.Between(a, b) is { Count: > 0 } d ? string.Join("; ", d) : null,
            ({ Error: { } a }, { Error: { } b }) => a == b ? null : $"errors differ: lean '{a}', reference '{b}'",
            _ => $"lean {(lean.Graph is null ? $"failed: {lean.Error}" : "imported")}, reference {(reference.Graph is null ? $"failed: {reference.Error}" : "imported")}",
        };
    }

    /// <summary>Whether the lean reader imports the model.</summary>
    internal static bool Imports(byte[] bytes, OnnxImportOptions options) =>
        Import(() => OnnxImporter.ImportBytes(bytes, "model.onnx", options)).Graph is not null;

    private static (ModelGraph? Graph, string? Error) Import(Func<ModelGraph> import)
    {
        try
        {
            return (import(), null);
        }
        catch (CnnMemException e)
        {
            return (null, e.Message);
        }
    }
}
