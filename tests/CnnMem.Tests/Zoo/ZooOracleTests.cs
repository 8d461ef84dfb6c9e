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

    /// <summary>
    /// ViT-B/16's export also computes reshape targets from the input's shape at run time (Shape, Gather, Unsqueeze,
    /// Concat, Cast on int64 scalars: about 460 small rows); the zoo writes those targets as constants. Everything
    /// else is equal: every float layer in order (op, shapes, parameters, MACs, textbook flag), every memory figure
    /// (textbook, inference, training, device) and the totals; FLOPs differ only by the export's integer arithmetic.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    public void VitB16_EqualsOnnxExport_ApartFromShapeArithmetic(long batch)
    {
        Assert.True(ZooModels.TryBuild("vit_b_16", null, null, out var zoo));
        var onnx = OnnxImporter.Import(Path.Combine(OracleComparison.OracleDir, "models", "vit_b_16.train.onnx"));
        var e = Analyzer.Analyze(onnx, new AnalysisOptions { Batch = batch });
        var a = Analyzer.Analyze(zoo!, new AnalysisOptions { Batch = batch });
        Assert.Equal(FloatLayers(e), FloatLayers(a));
        Assert.Equal(e.Totals with { Flops = 0 }, a.Totals with { Flops = 0 });
        Assert.InRange(e.Totals.Flops - a.Totals.Flops, 0, 1000);
        Assert.Equal(Memory(e), Memory(a));
    }

    private static List<string> FloatLayers(Reports.AnalysisReport r) =>
        r.Layers.Where(l => l.Op != "Constant" && l.Outputs.Any(o => CnnMem.Core.DTypes.IsFloat(o.DType)))
            .Select(l => $"{l.Op} {string.Join(",", l.Outputs.Select(o => o.Shape))} {l.Params} {l.BufferElements} {l.Macs} {l.InTextbookSum}")
            .ToList();

    /// <summary>The report's memory section as JSON, without the per-layer training rows (which name the layers).</summary>
    private static string Memory(Reports.AnalysisReport r)
    {
        var memory = JsonNode.Parse(JsonReportWriter.Write(r))!["memory"]!.AsObject();
        memory["training"]!.AsObject().Remove("layers");
        return memory.ToJsonString();
    }

    private static string Report(Graphs.ModelGraph graph, long batch)
    {
        var json = JsonNode.Parse(JsonReportWriter.Write(Analyzer.Analyze(graph, new AnalysisOptions { Batch = batch })))!.AsObject();
        json.Remove("model");
        json.Remove("source");
        return json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }
}
