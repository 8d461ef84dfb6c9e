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
            var json = Time("json", () => JsonReportWriter.Write(report));
            Console.WriteLine($"round {r + 1}: {total.ElapsedMilliseconds} ms, {graph.Nodes.Length} nodes, {json.Length} chars of JSON, gen0/1/2 collections {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");
        }
    }

    /// <summary>`probe-import FILE [ROUNDS]`: only the ONNX import, in rounds (the first one includes JIT).</summary>
    public static void Import(string file, int rounds)
    {
        var bytes = File.ReadAllBytes(file);
        for (var r = 0; r < rounds; r++)
        {
            var graph = Time($"import round {r + 1}", () => OnnxImporter.ImportBytes(bytes, file));
            Time("  of which GraphValidator.Validate (again)", () => Graphs.GraphValidator.Validate(graph));
            if (r == rounds - 1)
            {
                Console.WriteLine($"  {graph.Nodes.Length} nodes, {graph.Initializers.Count} initializers");
            }
        }
    }

    private static T Time<T>(string stage, Func<T> run)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var result = run();
        sw.Stop();
        // CPU time of the whole process (GC threads included): steadier than wall time on a busy machine.
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Console.WriteLine($"  {stage,-45} {sw.Elapsed.TotalMilliseconds,9:F1} ms {cpuMs,9:F1} ms CPU {allocated / 1e6,9:F1} MB allocated");
        return result;
    }
}
