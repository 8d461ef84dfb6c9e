using BenchmarkDotNet.Running;
using CnnMem.Bench;

// `loop FILE BATCH STAGE ROUNDS` runs one stage (analyze, infer, rows, totals, tensorcore) repeatedly;
// `write-chain N FILE` writes the generated Conv/Relu chain as an ONNX file for the whole-process
// measurement (bench/whole-process.sh); `probe FILE [BATCH] [ROUNDS]` times the stages
// (StagesProbe), `probe-import FILE [ROUNDS]` the import alone, `json-probe FILE [BATCH] [WRITES]` the JSON writer
// alone (JsonProbe); anything else goes to BenchmarkDotNet.
if (args is ["write-chain", var nodes, var file])
{
    File.WriteAllBytes(file, ChainModel.Build(int.Parse(nodes, System.Globalization.CultureInfo.InvariantCulture)));
    return;
}
if (args is ["probe", var probeFile, .. var rest])
{
    var inv = System.Globalization.CultureInfo.InvariantCulture;
    StagesProbe.Run(probeFile, rest.Length > 0 ? long.Parse(rest[0], inv) : 1, rest.Length > 1 ? int.Parse(rest[1], inv) : 3);
    return;
}
if (args is ["alloc-types", var allocFile, .. var allocRest])
{
    var batch = allocRest.Length > 0 ? long.Parse(allocRest[0], System.Globalization.CultureInfo.InvariantCulture) : 1;
    var options = CliDefaults.Options(batch);
    var bytes = File.ReadAllBytes(allocFile);
    CnnMem.Pipeline.Analyzer.Analyze(CnnMem.Onnx.OnnxImporter.ImportBytes(bytes, allocFile), options); // warm-up
    using var listener = new AllocationTypes();
    // the stage: "analyze" (default; the import is counted too), "memory" (the memory models alone), or "infer" /
    // "rows" / "totals" alone (import and the stages before it run outside the sampled window)
    var stage = allocRest.Length > 1 ? allocRest[1] : "analyze";
    var graph = CnnMem.Onnx.OnnxImporter.ImportBytes(bytes, allocFile);
    if (stage == "analyze")
    {
        listener.Start();
        CnnMem.Pipeline.Analyzer.Analyze(CnnMem.Onnx.OnnxImporter.ImportBytes(bytes, allocFile), options);
    }
    else
    {
        var inference = stage == "infer" ? null : CnnMem.Pipeline.Analyzer.Infer(graph, options, batch);
        var rows = stage is "totals" or "memory" ? CnnMem.Costs.LayerCosts.Rows(inference!) : default;
        var totals = stage == "memory" ? CnnMem.Costs.LayerCosts.Totalize(inference!, rows, options.DType, () => 1) : null;
        listener.Start();
        _ = stage switch
        {
            "infer" => (object)CnnMem.Pipeline.Analyzer.Infer(graph, options, batch),
            "rows" => CnnMem.Costs.LayerCosts.Rows(inference!),
            "totals" => CnnMem.Costs.LayerCosts.Totalize(inference!, rows, options.DType, () => 0),
            "memory" => CnnMem.Pipeline.Analyzer.Memory(inference!, totals!, options),
            _ => throw new ArgumentException($"unknown stage '{stage}': analyze, memory, infer, rows or totals"),
        };
    }
    listener.Stop();
    listener.Print(40);
    return;
}
if (args is ["loop", var loopFile, var loopBatch, var loopStage, var loopRounds])
{
    // one stage again and again (for a CPU profile of it, and its best time on a busy machine)
    var inv = System.Globalization.CultureInfo.InvariantCulture;
    var batch = long.Parse(loopBatch, inv);
    var options = CliDefaults.Options(batch);
    var graph = CnnMem.Onnx.OnnxImporter.ImportBytes(File.ReadAllBytes(loopFile), loopFile);
    var inference = CnnMem.Pipeline.Analyzer.Infer(graph, options, batch);
    var rows = CnnMem.Costs.LayerCosts.Rows(inference);
    Func<object> run = loopStage switch
    {
        "analyze" => () => CnnMem.Pipeline.Analyzer.Analyze(graph, options),
        "infer" => () => CnnMem.Pipeline.Analyzer.Infer(graph, options, batch),
        "rows" => () => CnnMem.Costs.LayerCosts.Rows(inference),
        "totals" => () => CnnMem.Costs.LayerCosts.Totalize(inference, rows, options.DType, () => 0),
        "tensorcore" => () => CnnMem.Costs.TensorCoreCheck.Warnings(inference, CnnMem.DType.Float16).ToList(),
        _ => throw new ArgumentException($"unknown stage '{loopStage}': analyze, infer, rows, totals or tensorcore"),
    };
    var best = double.MaxValue;
    for (var r = 0; r < int.Parse(loopRounds, inv); r++)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var pausedBefore = GC.GetTotalPauseDuration();
        var cpuBefore = System.Diagnostics.Process.GetCurrentProcess().UserProcessorTime;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        run();
        sw.Stop();
        var cpu = System.Diagnostics.Process.GetCurrentProcess().UserProcessorTime - cpuBefore;
        var paused = GC.GetTotalPauseDuration() - pausedBefore;
        best = Math.Min(best, sw.Elapsed.TotalMilliseconds);
        Console.WriteLine($"{loopStage}: {sw.Elapsed.TotalMilliseconds:F1} ms, {(GC.GetTotalAllocatedBytes(precise: true) - before) / 1e6:F1} MB allocated, {paused.TotalMilliseconds:F1} ms paused for GC, {cpu.TotalMilliseconds:F0} ms user CPU (all threads), gen0/1/2 collections so far {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");
    }
    Console.WriteLine($"{loopStage}: best {best:F1} ms");
    return;
}
if (args is ["probe-import", var importFile, .. var importRest])
{
    StagesProbe.Import(importFile, importRest.Length > 0 ? int.Parse(importRest[0], System.Globalization.CultureInfo.InvariantCulture) : 5);
    return;
}
if (args is ["json-probe", var jsonFile, .. var jsonRest])
{
    var inv = System.Globalization.CultureInfo.InvariantCulture;
    JsonProbe.Run(jsonFile, jsonRest.Length > 0 ? long.Parse(jsonRest[0], inv) : 1, jsonRest.Length > 1 ? int.Parse(jsonRest[1], inv) : 10);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(ChainBenchmarks).Assembly).Run(args);
