using BenchmarkDotNet.Attributes;
using CnnMem.Analysis;
using CnnMem.Graphs;
using CnnMem.Inference;
using CnnMem.Onnx;
using CnnMem.Reports;

namespace CnnMem.Bench;

/// <summary>A generated Conv/Relu chain of 1,000, 10,000 and 100,000 nodes: the cost should grow linearly with the node count.</summary>
[MemoryDiagnoser]
// Benchmark methods return object: the graph and inference types are internal to the library (BenchmarkDotNet
// only needs the result kept alive).
public class ChainBenchmarks
{
    private byte[] _chain = Array.Empty<byte>();
    private ModelGraph _chainGraph = null!;
    private static readonly AnalysisOptions Options = new() { Batch = 8 };

    [Params(1_000, 10_000, 100_000)]
    public int ChainNodes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _chain = ChainModel.Build(ChainNodes);
        _chainGraph = OnnxImporter.ImportBytes(_chain, "chain.onnx");
    }
    [Benchmark]
    public object Chain_Import() => OnnxImporter.ImportBytes(_chain, "chain.onnx");

    [Benchmark]
    public object Chain_InferenceOnly() => Analyzer.Infer(_chainGraph, Options, Options.Batch);

    [Benchmark]
    public AnalysisReport Chain_ImportAndAnalyze() => Analyzer.Analyze(OnnxImporter.ImportBytes(_chain, "chain.onnx"), Options);
}
