using System.Diagnostics;
using CnnMem.Onnx;
using CnnMem.Rendering;
using CnnMem.Pipeline;

namespace CnnMem.Bench;

/// <summary>
/// `json-probe FILE [BATCH] [WRITES]`: analyses FILE once, then streams its JSON report to a counting null stream
/// WRITES times, printing wall and CPU time and the bytes allocated for each. The first write is what a one-shot
/// CLI process pays (JIT, serializer metadata); the minimum of the others is the steady cost. Before them, the
/// first write of a two-layer chain's report shows the one-time cost alone.
/// </summary>
public static class JsonProbe
{
    public static void Run(string file, long batch, int writes)
    {
        var report = Analyzer.Analyze(OnnxImporter.ImportBytes(File.ReadAllBytes(file), file), new AnalysisOptions { Batch = batch });
        var process = Process.GetCurrentProcess();
        var tiny = Analyzer.Analyze(OnnxImporter.ImportBytes(ChainModel.Build(2), "chain2.onnx"), new AnalysisOptions { Batch = batch });
        var (tinyMs, tinyCpu) = Measure(process, () => JsonReportWriter.Write(tiny, new CountingStream()));
        Console.WriteLine($"first write, 2-layer chain: {tinyMs,8:F1} ms {tinyCpu,8:F1} ms CPU (one-time cost)");
        var best = double.MaxValue;
        for (var i = 0; i < writes; i++)
        {
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var sink = new CountingStream();
            var (ms, cpuMs) = Measure(process, () => JsonReportWriter.Write(report, sink));
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            best = i > 0 ? Math.Min(best, cpuMs) : best;
            Console.WriteLine($"write {i + 1}: {ms,8:F1} ms {cpuMs,8:F1} ms CPU {allocated / 1e6,8:F2} MB allocated {sink.Length} bytes");
        }
        Console.WriteLine($"{report.Layers.Length} layers: fastest later write {best:F1} ms CPU");
    }

    private static (double Ms, double CpuMs) Measure(Process process, Action write)
    {
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        write();
        sw.Stop();
        process.Refresh();
        return (sw.Elapsed.TotalMilliseconds, (process.TotalProcessorTime - cpu).TotalMilliseconds);
    }
}
