using System.Diagnostics;
using CnnMem.Memory.Cuda;
using CnnMem.Onnx;
using CnnMem.Rendering;
using CnnMem.Pipeline;
using CnnMem.Costs;
using CnnMem.Memory.Liveness;
using CnnMem.Memory.Models;
using CnnMem.Memory.Storages;

namespace CnnMem.Bench;

/// <summary>
/// `probe FILE [BATCH] [ROUNDS]`: times each stage of `analyze FILE --format json` in process with a
/// Stopwatch and counts the bytes allocated (GC.GetTotalAllocatedBytes), so the cost can be located
/// before optimising. The options are the CLI's defaults (<see cref="CliDefaults"/>: PyTorch 2.x on CUDA).
/// Rough (one run per round, no warm-up control); BenchmarkDotNet gives the real figures.
/// </summary>
public static class StagesProbe
{
    public static void Run(string file, long batch, int rounds)
    {
        var options = CliDefaults.Options(batch);
        var m = options.Memory;
        for (var r = 0; r < rounds; r++)
        {
            var total = Stopwatch.StartNew();
            var bytes = Time("read file", () => File.ReadAllBytes(file));
            var graph = Time("import (parse + translate + validate)", () => OnnxImporter.ImportBytes(bytes, file));
            var inference = Time("  shape inference", () => Analyzer.Infer(graph, options, batch));
            Time("  costs (LayerCosts.Rows)", () => LayerCosts.Rows(inference));
            Time("  storage graph (inference)", () => StorageGraphBuilder.Build(inference, m, training: false));
            Time("  storage graph (training)", () => StorageGraphBuilder.Build(inference, m, training: true));
            var gi = StorageGraphBuilder.Build(inference, m, training: false);
            var lifetimes = Time("    lifetimes (inference)", () => ForwardPass.Lifetimes(gi, training: false, static b => b));
            Time("    liveness peak", () => ArenaPlanners.LowerBound(lifetimes));
            foreach (var (name, planner) in ArenaPlanners.All)
            {
                Time($"    arena plan {name}", () => planner(lifetimes, m.Alignment));
            }
            Time("  inference model", () => InferenceModel.Compute(inference, m));
            Time("  training model", () => TrainingModel.Compute(inference, m));
            Time("  CUDA replay (inference)", () => CudaReplay.Inference(inference, m));
            var gt = StorageGraphs.Of(inference, m, training: true);
            var tb = Time("    trace builder", () => new CnnMem.Memory.Trace.StepTraceBuilder(gt, training: true));
            var lossT = Time("    trace forward", () => tb.Forward(training: true));
            Time("    trace backward", () => { tb.Backward(lossT, gradsExist: false); return 0; });
            Console.WriteLine($"    {tb.Events.Count} events, {gt.Storages.Length} storages");
            Time("  CUDA replay (training)", () => CudaReplay.Training(inference, m));
            var report = Time("analyze (all of the above, as the CLI runs it)", () => Analyzer.Analyze(graph, options));
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
        Console.WriteLine($"  {stage,-48} {sw.Elapsed.TotalMilliseconds,9:F1} ms {cpuMs,9:F1} ms CPU {allocated / 1e6,9:F1} MB allocated");
        return result;
    }
}
