using System.IO.Compression;
using CnnMem.Import.Keras;
using CnnMem.Tests.Cli;
using CnnMem.Pipeline;

namespace CnnMem.Tests.Keras;

/// <summary>
/// Keras 3 <c>.keras</c> archives, written by hand from Keras's documented format (TestData/keras/keras3/NAME:
/// config.json with module, class_name, config, registered_name and build_config, <c>__keras_tensor__</c>
/// inbound nodes; metadata.json) and zipped here. Each mirrors a TensorFlow.js-built model, whose expected
/// figures it must reproduce.
/// </summary>
public sealed class KerasArchiveTests : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("cnnmem-keras-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    private string Archive(string model)
    {
        var path = Path.Combine(temp, $"{model}.keras");
        ZipFile.CreateFromDirectory(Path.Combine(KerasTestData.Dir, "keras3", model), path);
        return path;
    }

    [Theory]
    [InlineData("seed")]
    [InlineData("functional_two_inputs")]
    public void Archive_MatchesTheTensorFlowJsModel(string model)
    {
        var expected = KerasTestData.Expected(model);
        var report = Analyzer.Analyze(KerasImporter.Import(Archive(model)), new AnalysisOptions { Batch = 2 });
        Assert.Equal(expected.Params, report.Totals.Params);
        Assert.Equal(expected.TrainableParams, report.Totals.TrainableParams);
        foreach (var e in expected.Layers.Where(l => l.ClassName != "InputLayer"))
        {
            var row = report.Layers.Single(l => l.Name == e.Name);
            Assert.Equal((e.ClassName, e.Params, e.TrainableParams), (row.Op, row.Params, row.TrainableParams));
            Assert.Equal([2L, .. e.OutputShape.Skip(1)], KerasTestData.Shown(row.OutputShape, report.Layout));
        }
    }

    [Fact]
    public void ImportBytes_ReadsArchivesAndJson()
    {
        var fromArchive = KerasImporter.ImportBytes(File.ReadAllBytes(Archive("seed")), "upload.keras");
        var fromJson = KerasImporter.ImportBytes(File.ReadAllBytes(Path.Combine(KerasTestData.Dir, "seed.tfjs.json")), "model.json");
        Assert.Equal(fromJson.Nodes.Select(n => n.Op), fromArchive.Nodes.Select(n => n.Op));
    }

    [Fact]
    public void Keras3Config_ReadsAsPlainJson_Too()
    {
        // model.to_json() in Keras 3 writes the same object as the archive's config.json
        var graph = KerasImporter.Import(Path.Combine(KerasTestData.Dir, "keras3", "functional_two_inputs", "config.json"));
        Assert.Equal(["left", "right"], graph.Inputs.Select(i => i.Name));
        Assert.Equal(["score", "probs"], graph.Outputs.AsEnumerable());
    }

    [Fact]
    public void Cli_AnalyzesAKerasArchive()
    {
        var run = CliRun.Of("analyze", Archive("seed"), "--format", "json");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\"params\": 4632902", run.Out, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"input_layer\"", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Archive_WithoutConfig_IsAClearError()
    {
        var path = Path.Combine(temp, "empty.keras");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            zip.CreateEntry("metadata.json");
        }
        var run = CliRun.Of("analyze", path);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("has no config.json", run.Error, StringComparison.Ordinal);
    }
}
