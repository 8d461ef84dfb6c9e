using CsCheck;
using CnnMem.Pipeline;
using CnnMem.Memory.Models;
using CnnMem.Memory.Profiles;

namespace CnnMem.Tests.Memory;

public class FitTests
{
    [Theory]
    [InlineData("24GiB", 24L << 30)]
    [InlineData("80GB", 80_000_000_000L)]
    [InlineData("512 MiB", 512L << 20)]
    [InlineData("1.5KiB", 1536L)]
    [InlineData("1000", 1000L)]
    [InlineData("64B", 64L)]
    public void ByteSize_Units_Parse(string text, long bytes) => Assert.Equal(bytes, ByteSize.Parse(text));

    [Theory]
    [InlineData("lots")]
    [InlineData("-3GB")]
    [InlineData("GB")]
    public void ByteSize_Bad_FailsWithExample(string text) =>
        Assert.Contains("e.g. 24GiB", Assert.Throws<CnnMemException>(() => ByteSize.Parse(text)).Message);

    [Fact]
    public void DeviceTable_Unknown_ListsKnown()
    {
        Assert.Equal(DeviceTable.Devices["a100-80gb"], DeviceTable.Bytes("A100-80GB")); // budgets are what CUDA reports (DeviceNamesTests), not 80 GiB
        Assert.Contains("a100-80gb", Assert.Throws<CnnMemException>(() => DeviceTable.Bytes("z9000")).Message);
    }

    private const long MaxBatch = 1L << 24;

    [Fact]
    public void FitSolver_RandomNearlyAffine_FitsAndNextDoesNot()
    {
        // affine plus a bounded wiggle, as per-channel statistics and rounding make real memory
        Gen.Select(Gen.Long[0, 1_000_000], Gen.Long[1, 10_000], Gen.Long[0, 500], Gen.Long[1, 100_000_000]).Sample((a, slope, wiggle, budget) =>
        {
            long M(long b) => a + (slope * b) + (b * 7919 % (wiggle + 1));
            var r = FitSolver.Solve("t", budget, M);
            // the solver stops at its largest batch (2^24): there nothing says the next one would not fit
            var next = r.Batch == MaxBatch || M(r.Batch + 1) > budget;
            return r.Batch == 0 ? M(1) > budget : M(r.Batch) <= budget && next && r.HeadroomBytes == budget - M(r.Batch);
        });
    }

    [Fact]
    public void FitSolver_BatchOneTooBig_ReturnsZero()
    {
        var r = FitSolver.Solve("t", 100, b => 1000 * b);
        Assert.Equal(0, r.Batch);
        Assert.Equal(1000, r.BytesAtNextBatch);
    }

    [Theory]
    [InlineData(Optimizer.Sgd)]
    [InlineData(Optimizer.Adam)]
    public void Fit_ConvGraph_TrainingFitsAndNextDoesNot(Optimizer optimizer)
    {
        long Bytes(long b) => TrainingModel.Compute(TestGraphs.ConvReluConv(b), MemoryOptions.PyTorch113Cpu with { Optimizer = optimizer }).SteadyPeakTotalBytes;
        const long budget = 3_000_000;
        var r = FitSolver.Solve("training", budget, Bytes);
        Assert.True(r.Batch > 1);
        Assert.True(Bytes(r.Batch) <= budget);
        Assert.True(Bytes(r.Batch + 1) > budget);
    }
}
