using CnnMem.Onnx;
using CsCheck;
using Google.Protobuf;

namespace CnnMem.Tests.Onnx;

/// <summary>
/// On random models (<see cref="RandomOnnxModels"/>), valid or not, the lean reader and the former
/// OnnxSharp-based importer agree: the same graph, or the same error message.
/// </summary>
public class LeanReaderProperties
{
    [Fact]
    public void RandomModels_LeanReaderAndOnnxSharp_Agree()
    {
        var imported = 0;
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var bytes = RandomOnnxModels.Build(seed).ToByteArray();
            var options = new OnnxImportOptions { MaxValueElements = seed % 3 == 0 ? 4 : 1024, RebindStaticBatch = seed % 5 != 0 };
            var problem = LeanReaderDifferentialTests.Compare(bytes, "random.onnx", options);
            Assert.True(problem is null, $"seed {seed}: {problem}");
            imported += LeanReaderDifferentialTests.Imports(bytes, options) ? 1 : 0;
        }, iter: 2000, threads: 1);
        // Most random models are invalid somewhere; enough must import for the graphs, not only the errors, to be compared.
        Assert.True(imported > 100, $"only {imported} of 2000 random models imported");
    }
}
