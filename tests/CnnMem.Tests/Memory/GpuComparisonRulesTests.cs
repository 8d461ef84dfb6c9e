namespace CnnMem.Tests.Memory;

/// <summary>The GPU oracle's comparison rules (compare_gpu.py's), and how docs/accuracy.md is split into its generated sections.</summary>
public class GpuComparisonRulesTests
{
    [Theory]
    [InlineData(100_000_000, 104_999_999, 0.05, true)]   // +5.0%: within
    [InlineData(100_000_000, 105_100_000, 0.05, false)]  // +5.1%
    [InlineData(100_000_000, 89_000_000, 0.10, false)]   // -11%
    [InlineData(1_000_000, 1_524_288, 0.05, true)]       // +52%, but exactly 512 KiB off
    [InlineData(1_000_000, 1_524_289, 0.05, false)]      // one byte more
    [InlineData(0, 524_288, 0.10, true)]                 // nothing measured: only the floor applies
    public void Row_RelativeToleranceOrWithin512KiB(long measured, long estimated, double tolerance, bool within)
    {
        Assert.Equal(within, new GpuRow("m", 8, "steady_peak[sgd]", measured, estimated, tolerance).Within);
    }

    [Fact]
    public void Row_NotAnalysed_NeverWithin()
    {
        var r = new GpuRow("m", 8, "train_reserved[sgd]", 1000, null, 0.10, "exit 2: unknown option");
        Assert.False(r.Within);
        Assert.Null(r.Error);
        Assert.Equal("train_reserved", r.Key);
    }

    [Theory]
    [InlineData(192L, 192L, 0.97, true)]
    [InlineData(193L, 192L, 0.97, false)] // over-promises: batch 193 does not fit on the GPU
    [InlineData(187L, 192L, 0.97, true)]  // 97.4%
    [InlineData(186L, 192L, 0.97, false)] // 96.9%
    [InlineData(1088L, 1208L, 0.90, true)]
    [InlineData(1087L, 1208L, 0.90, false)]
    [InlineData(null, 1208L, 0.90, false)]
    public void Fit_NeverAboveMeasured_AtLeastShare(long? predicted, long measured, double share, bool within)
    {
        Assert.Equal(within, new GpuFitRow("m", "training", measured, predicted, share).Within);
    }

    [Fact]
    public void AccuracyDoc_EachWriterReplacesOnlyItsSection()
    {
        var gpu = GpuAccuracySection.Marker + "\n## GPU\nold\n";
        var doc = AccuracyDoc.Compose("# CPU\nold\n", gpu);
        Assert.Equal("# CPU\nold\n\n" + gpu, doc);
        Assert.Equal(gpu, AccuracyDoc.GpuPart(doc));
        Assert.Equal("# CPU\nnew\n\n" + gpu, AccuracyDoc.Compose("# CPU\nnew\n", AccuracyDoc.GpuPart(doc)));
        var newGpu = GpuAccuracySection.Marker + "\n## GPU\nnew\n";
        Assert.Equal("# CPU\nold\n\n" + newGpu, AccuracyDoc.Compose(doc, newGpu));
        Assert.Equal("", AccuracyDoc.GpuPart("# CPU only\n"));
        Assert.Equal("# CPU only\n", AccuracyDoc.Compose("# CPU only\n", ""));
    }

    [Fact]
    public void Cases_MatchCompareGpuPy()
    {
        // the copy of compare_gpu.py beside the data states the same command lines
        var script = File.ReadAllText(Path.Combine(GpuOracle.Dir, "compare_gpu.py"));
        foreach (var c in GpuCase.All)
        {
            var flags = string.Join(", ", c.Flags.Select(f => $"'{f}'"));
            Assert.Contains($"('{c.Label}', ('{c.Section}', '{c.Entry}'),", script, StringComparison.Ordinal);
            Assert.Contains($"[{flags}]", script, StringComparison.Ordinal);
        }
    }
}
