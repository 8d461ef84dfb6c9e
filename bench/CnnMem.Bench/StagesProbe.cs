using System.Diagnostics;
using CnnMem.Analysis;
using CnnMem.Onnx;
using CnnMem.Rendering;

namespace CnnMem.Bench;

/// <summary>
/// `probe FILE [BATCH] [ROUNDS]`: times each stage of `analyze FILE --format json` in process with a
/// Stopwatch and counts the bytes allocated (GC.GetTotalAllocatedBytes), so the cost can be located
/// before optimising. Rough (one run per round, no warm-up control); BenchmarkDotNet gives the real figures.
/// </summary>
public static class StagesProbe
{
    public static void Run(string file, long batch, int rounds)
    {
        var options = new AnalysisOptions { Batch = batch };
        for (var r = 0; r < rounds; r++)
        {
            var total = Stopwatch.StartNew();
            var bytes = Time("read file", () => File.ReadAllBytes(file));
            Time("  of which protobuf parse (OnnxSharp)", () => global::Onnx.ModelProto.Parser.ParseFrom(bytes));
            var graph = Time("import (parse + translate + validate)", () => OnnxImporter.ImportBytes(bytes, file));
            var inference = Time("shape inference", () => Analyzer.Infer(graph, options, batch));
            var layers = Time("  costs (LayerCosts.Rows)", () => LayerCosts.Rows(inference));
            var report = Time("analyze (inference + costs + memory models)", () => Analyzer.Analyze(graph, options));
            // As the CLI writes it: UTF-8 streamed to stdout or the -o file (here a counting null stream).
            var json = Time("json (streamed)", () =>
            {
                var sink = new CountingStream();
                JsonReportWriter.Write(report, sink);
                return sink.Length;
            });
            Console.WriteLine($"round {r + 1}: {total.ElapsedMilliseconds} ms, {graph.Nodes.Length} nodes, {json} bytes of JSON, gen0/1/2 collections {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");
        }
    }

    private static T Time<T>(string stage, Func<T> run)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var result = run();
        sw.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        // CPU time (all threads of the process) beside wall time: on a busy machine it is the steadier figure.
        Console.WriteLine($"  {stage,-45} {sw.Elapsed.TotalMilliseconds,9:F1} ms {cpu.TotalMilliseconds,9:F1} ms CPU {allocated / 1e6,9:F1} MB allocated");
        return result;
    }
}
