using CnnMem.Onnx;
using CnnMem.Tests.Memory;
using CnnMem.Pipeline;

namespace CnnMem.Tests.Onnx;

public class OnnxWeightSkipperTests
{
    private static string ModelFile(string name) => Path.Combine(OracleComparison.OracleDir, "models", name);

    private static Task<byte[]> Skip(string name, int chunk = 4096) =>
        OnnxWeightSkipper.ReadAsync(new AsyncOnlyStream(File.ReadAllBytes(ModelFile(name)), chunk), name);

    [Theory]
    [InlineData("seed_cnn.full.onnx", "seed_cnn.onnx")]
    [InlineData("lenet5.full.onnx", "lenet5.onnx")]
    public async Task FullModel_WeightsLeftOut_AnalysesLikeTheWeightlessExport(string full, string weightless)
    {
        var size = new FileInfo(ModelFile(full)).Length;
        var bytes = await Skip(full);
        Assert.True(bytes.Length * 10 < size, $"{full}: {bytes.Length} of {size} bytes kept");

        var options = new AnalysisOptions { Batch = 8 };
        var skipped = Analyzer.Analyze(OnnxImporter.ImportBytes(bytes, full), options);
        var reference = Analyzer.Analyze(OnnxImporter.Import(ModelFile(weightless)), options);
        Assert.Equal(reference.Totals, skipped.Totals);
        Assert.Equal(reference.Memory.Training!.SteadyPeakTotalBytes, skipped.Memory.Training!.SteadyPeakTotalBytes);
    }

    [Theory]
    [InlineData("seed_cnn.onnx", 1)]
    [InlineData("resnet18.onnx", 7)]
    [InlineData("mobilenet_v2.train.onnx", 65536)]
    public async Task WeightlessModel_NothingToLeaveOut_BytesUnchanged(string name, int chunk)
    {
        // Nothing is large, so every field is copied: the result is the file itself, whatever the read sizes.
        Assert.Equal(File.ReadAllBytes(ModelFile(name)), await Skip(name, chunk));
    }

    [Fact]
    public async Task SmallInitializers_KeepTheirValues_UnlessTheLimitIsZero()
    {
        // Biases (at most 500 floats) are under the default limit, so their values stay for value inference.
        var data = File.ReadAllBytes(ModelFile("seed_cnn.full.onnx"));
        var kept = OnnxImporter.ImportBytes(await OnnxWeightSkipper.ReadAsync(new AsyncOnlyStream(data, 4096), "seed"), "seed");
        var none = OnnxImporter.ImportBytes(await OnnxWeightSkipper.ReadAsync(new AsyncOnlyStream(data, 4096), "seed", keepBytes: 0), "seed");
        Assert.Contains(kept.Initializers.Values, i => i.Tensor.Value is not null);
        Assert.All(none.Initializers.Values, i => Assert.Null(i.Tensor.Value));
    }

    [Fact]
    public async Task TruncatedFile_IsAnErrorNamingTheFile()
    {
        var data = File.ReadAllBytes(ModelFile("seed_cnn.full.onnx"))[..100_000];
        var e = await Assert.ThrowsAsync<CnnMemException>(() => OnnxWeightSkipper.ReadAsync(new AsyncOnlyStream(data, 4096), "cut.onnx"));
        Assert.StartsWith("cut.onnx: not a valid ONNX model", e.Message);
    }
}
