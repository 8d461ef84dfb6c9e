using BenchmarkDotNet.Attributes;
using CnnMem.Graphs;
using CnnMem.Onnx;
using CnnMem.Reports;
using CnnMem.Pipeline;

namespace CnnMem.Bench;

/// <summary>
/// A generated Conv/Relu chain of 1,000, 10,000 and 100,000 nodes: the cost should grow linearly with the node count.
/// Two option sets: <c>cli</c> is what <c>cnnmem analyze FILE --batch 8</c> runs (PyTorch 2.x on CUDA, with the caching
/// allocator's replays; the library's defaults), <c>library</c> is PyTorch 1.13 on CPU (<see cref="MemoryOptions.PyTorch113Cpu"/>,
/// the library's default before it took the CLI's).
/// </summary>
[MemoryDiagnoser]
// Benchmark methods return object: the graph and inference types are internal to the library (BenchmarkDotNet
// only needs the result kept alive).
public class ChainBenchmarks
{
    private byte[] _chain = Array.Empty<byte>();
    private ModelGraph _chainGraph = null!;
    private AnalysisOptions _options = null!;

    [Params(1_000, 10_000, 100_000)]
    public int ChainNodes { get; set; }

    [Params("cli", "library")]
    public string Options { get; set; } = "cli";

    [GlobalSetup]
    public void Setup()
    {
        _chain = ChainModel.Build(ChainNodes);
        _chainGraph = OnnxImporter.ImportBytes(_chain, "chain.onnx");
        _options = Options == "cli" ? CliDefaults.Options(8) : CliDefaults.Library(8);
    }

    [Benchmark]
    public object Chain_Import() => OnnxImporter.ImportBytes(_chain, "chain.onnx");

    [Benchmark]
    public object Chain_InferenceOnly() => Analyzer.Infer(_chainGraph, _options, _options.Batch);

    [Benchmark]
    public AnalysisReport Chain_ImportAndAnalyze() => Analyzer.Analyze(OnnxImporter.ImportBytes(_chain, "chain.onnx"), _options);
}
