using BenchmarkDotNet.Running;
using CnnMem.Bench;

// `write-chain N FILE` writes the generated Conv/Relu chain as an ONNX file for the whole-process
// measurement (bench/whole-process.sh); `probe FILE [BATCH] [ROUNDS]` times the stages
// (StagesProbe); `json-probe FILE [BATCH] [WRITES]` times the JSON writer alone (JsonProbe); anything else goes to BenchmarkDotNet.
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
if (args is ["json-probe", var jsonFile, .. var jsonRest])
{
    var inv = System.Globalization.CultureInfo.InvariantCulture;
    JsonProbe.Run(jsonFile, jsonRest.Length > 0 ? long.Parse(jsonRest[0], inv) : 1, jsonRest.Length > 1 ? int.Parse(jsonRest[1], inv) : 10);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(ChainBenchmarks).Assembly).Run(args);
