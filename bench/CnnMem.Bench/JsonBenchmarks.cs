using BenchmarkDotNet.Attributes;
using CnnMem.Onnx;
using CnnMem.Rendering;
using CnnMem.Reports;
using CnnMem.Pipeline;

namespace CnnMem.Bench;

/// <summary>
/// `--format json` for the generated Conv/Relu chain's report (batch 8): streamed to a counting null stream as the
/// CLI streams it to stdout, and as a string (the web app's download). The budget for the 100,000-node
/// chain: about 150 ms and under 30 MB allocated for the streamed document (63.6 MB of JSON).
/// </summary>
[MemoryDiagnoser]
public class JsonBenchmarks
{
    private AnalysisReport _report = null!;

    [Params(10_000, 100_000)]
    public int ChainNodes { get; set; }

    [GlobalSetup]
    public void Setup() =>
        _report = Analyzer.Analyze(OnnxImporter.ImportBytes(ChainModel.Build(ChainNodes), "chain.onnx"), new AnalysisOptions { Batch = 8 });

    [Benchmark(Baseline = true)]
    public long Json_Streamed()
    {
        var sink = new CountingStream();
        JsonReportWriter.Write(_report, sink);
        return sink.Length;
    }

    [Benchmark]
    public int Json_String() => JsonReportWriter.Write(_report).Length;
}
