using System.Text.Json.Nodes;
using CnnMem.Graphs;
using CnnMem.Onnx;
using CnnMem.Rendering;
using CnnMem.Reports;
using CnnMem.Zoo;
using CnnMem.Pipeline;

namespace CnnMem.Tests.Zoo;

/// <summary>Compares a zoo network's report with its ONNX export's: whole, or apart from the export's run-time shape arithmetic.</summary>
internal static class ZooReportComparison
{
    public static (ModelGraph Zoo, ModelGraph Onnx) Load(string name, string onnxPath)
    {
        Assert.True(ZooModels.TryBuild(name, null, null, out var zoo));
        return (zoo!, OnnxImporter.Import(onnxPath));
    }

    /// <summary>The whole JSON report except the model's name and source (layers, shapes, MACs, totals, every memory model).</summary>
    public static string WholeReport(ModelGraph graph, long batch)
    {
        var json = JsonNode.Parse(JsonReportWriter.Write(Analyzer.Analyze(graph, new AnalysisOptions { Batch = batch })))!.AsObject();
        json.Remove("model");
        json.Remove("source");
        return json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>
    /// Equal apart from shape arithmetic: every float layer in order (op, shapes, parameters, buffers, MACs, textbook flag),
    /// the totals but FLOPs, and the memory section (textbook, inference, training, device) but its per-layer rows, which
    /// name layers; the export's FLOPs may exceed the zoo's by its integer arithmetic only.
    /// </summary>
    public static void AssertEqualApartFromShapeArithmetic(ModelGraph onnx, ModelGraph zoo, long batch)
    {
        var e = Analyzer.Analyze(onnx, new AnalysisOptions { Batch = batch });
        var a = Analyzer.Analyze(zoo, new AnalysisOptions { Batch = batch });
        Assert.Equal(FloatLayers(e), FloatLayers(a));
        Assert.Equal(e.Totals with { Flops = 0 }, a.Totals with { Flops = 0 });
        Assert.InRange(e.Totals.Flops - a.Totals.Flops, 0, 1000);
        Assert.Equal(Memory(e), Memory(a));
    }

    private static List<string> FloatLayers(AnalysisReport r) =>
        r.Layers.Where(l => l.Op != "Constant" && l.Outputs.Any(o => CnnMem.Core.DTypes.IsFloat(o.DType)))
            .Select(l => $"{l.Op} {string.Join(",", l.Outputs.Select(o => o.Shape))} {l.Params} {l.BufferElements} {l.Macs} {l.InTextbookSum}")
            .ToList();

    private static string Memory(AnalysisReport r)
    {
        var memory = JsonNode.Parse(JsonReportWriter.Write(r))!["memory"]!.AsObject();
        memory["training"]!.AsObject().Remove("layers");
        return memory.ToJsonString();
    }
}
