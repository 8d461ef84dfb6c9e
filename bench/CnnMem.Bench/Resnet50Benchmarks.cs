using BenchmarkDotNet.Attributes;
using CnnMem.Graphs;
using CnnMem.Onnx;
using CnnMem.Reports;
using CnnMem.Pipeline;

namespace CnnMem.Bench;

/// <summary>Import, shape inference and full analysis of resnet50 (the weightless oracle export), batch 8.</summary>
[MemoryDiagnoser]
public class Resnet50Benchmarks
{
    private byte[] _resnet50 = Array.Empty<byte>();
    private ModelGraph _resnet50Graph = null!;
    private static readonly AnalysisOptions Options = new() { Batch = 8 };

    [GlobalSetup]
    public void Setup()
    {
        _resnet50 = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "models", "resnet50.onnx"));
        _resnet50Graph = OnnxImporter.ImportBytes(_resnet50, "resnet50.onnx");
    }

    [Benchmark]
    public object Resnet50_Import() => OnnxImporter.ImportBytes(_resnet50, "resnet50.onnx");

    [Benchmark]
    public object Resnet50_InferenceOnly() => Analyzer.Infer(_resnet50Graph, Options, Options.Batch);

    [Benchmark]
    public AnalysisReport Resnet50_ImportAndAnalyze() => Analyzer.Analyze(OnnxImporter.ImportBytes(_resnet50, "resnet50.onnx"), Options);
}
