using System.Text.Json.Nodes;
using CnnMem.Analysis;
using CnnMem.Onnx;
using CnnMem.Rendering;
using CnnMem.Tests.Memory;
using CnnMem.Zoo;

namespace CnnMem.Tests.Zoo;

/// <summary>
/// The zoo inherits the oracle's accuracy: for each network in TestData/oracle, the built-in's whole report
/// (layers, shapes, MACs, totals, textbook, inference and training memory models) equals that of the ONNX
/// training-mode export the oracle comparison uses (<c>models/M.train.onnx</c>), at batch 1 and 8. Only the model
/// name and source may differ.
/// </summary>
public class ZooOracleTests
{
    [Theory]
    [InlineData("resnet18", 1)]
    [InlineData("resnet18", 8)]
    [InlineData("resnet50", 1)]
    [InlineData("resnet50", 8)]
    [InlineData("vgg16", 1)]
    [InlineData("vgg16", 8)]
    [InlineData("alexnet", 1)]
    [InlineData("alexnet", 8)]
    [InlineData("mobilenet_v2", 1)]
    [InlineData("mobilenet_v2", 8)]
    [InlineData("densenet121", 1)]
    [InlineData("densenet121", 8)]
    [InlineData("squeezenet1_0", 1)]
    [InlineData("squeezenet1_0", 8)]
    public void BuiltIn_WholeAnalysis_EqualsOnnxExport(string name, long batch)
    {
        Assert.True(ZooModels.TryBuild(name, null, null, out var zoo));
        var onnx = OnnxImporter.Import(Path.Combine(OracleComparison.OracleDir, "models", name + ".train.onnx"));
        var expected = Report(onnx, batch);
        var actual = Report(zoo!, batch);
        Assert.Equal(expected, actual);
    }

    private static string Report(Graphs.ModelGraph graph, long batch)
    {
        var json = JsonNode.Parse(JsonReportWriter.Write(Analyzer.Analyze(graph, new AnalysisOptions { Batch = batch })))!.AsObject();
        json.Remove("model");
        json.Remove("source");
        return json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }
}
