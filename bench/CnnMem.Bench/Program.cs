using BenchmarkDotNet.Running;
using CnnMem.Bench;

// `write-chain N FILE` writes the generated Conv/Relu chain as an ONNX file for the whole-process
// measurement (bench/whole-process.sh); `probe FILE [BATCH] [ROUNDS]` times the stages
// (StagesProbe); anything else goes to BenchmarkDotNet.
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
    CnnMem.Analysis.Analyzer.Analyze(CnnMem.Onnx.OnnxImporter.ImportBytes(bytes, allocFile), options); // warm-up
    using var listener = new AllocationTypes();
    var stage = allocRest.Length > 1 ? allocRest[1] : "analyze";
    if (stage == "memory")
    {
        // the memory models alone: shape inference and costs run before the count starts
        var g = CnnMem.Onnx.OnnxImporter.ImportBytes(bytes, allocFile);
        var inference = CnnMem.Analysis.Analyzer.Infer(g, options, batch);
        var layers = CnnMem.Analysis.LayerCosts.Rows(inference);
        var totals = CnnMem.Analysis.LayerCosts.Totalize(inference, layers, options.DType, perSample: () => 1);
        listener.Start();
        CnnMem.Analysis.Analyzer.Memory(inference, totals, options);
    }
    else
    {
        listener.Start();
        var graph = CnnMem.Onnx.OnnxImporter.ImportBytes(bytes, allocFile);
        if (stage == "analyze")
        {
            CnnMem.Analysis.Analyzer.Analyze(graph, options);
        }
    }
    listener.Stop();
    listener.Print(40);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(ChainBenchmarks).Assembly).Run(args);
