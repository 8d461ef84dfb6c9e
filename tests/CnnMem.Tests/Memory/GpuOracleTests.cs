namespace CnnMem.Tests.Memory;

/// <summary>
/// cnnmem's CUDA figures against the GPU measurements (TestData/oracle/gpu), as compare_gpu.py holds them: one row per
/// (model, batch, figure), the mean bounds, the fit checks, and the GPU section of docs/accuracy.md.
/// All in one category: <c>dotnet test tests/CnnMem.Tests --filter Category=GpuOracle</c>.
/// Regenerate the docs section with <c>CNNMEM_WRITE_ACCURACY=docs/accuracy.md dotnet test tests/CnnMem.Tests --filter AccuracyTable</c>.
/// </summary>
[Trait("Category", Category)]
[Collection(AccuracyDoc.Collection)]
public class GpuOracleTests
{
    public const string Category = "GpuOracle";

    /// <summary>compare_gpu.py's bounds on the mean |error| of a figure over every row.</summary>
    public static IReadOnlyDictionary<string, double> MeanBounds { get; } = new Dictionary<string, double>
    {
        ["inference_peak"] = 0.05,
        ["amp_transient"] = 0.05,
    };

    public static TheoryData<string, long, string> Figures()
    {
        var data = new TheoryData<string, long, string>();
        foreach (var (model, batch, figure) in GpuOracle.RowIds())
        {
            data.Add(model, batch, figure);
        }
        return data;
    }

    public static TheoryData<string, string> Fits()
    {
        var data = new TheoryData<string, string>();
        foreach (var (model, mode) in GpuOracle.FitIds())
        {
            data.Add(model, mode);
        }
        return data;
    }

    public static TheoryData<string> Means() => [.. MeanBounds.Keys];

    [Fact]
    public void Oracle_HasEveryComparedRun()
    {
        // the data copy is complete: 11 networks at batch 1, 8 and 32, less the one measured first in its process;
        // 8 figures per run, plus the AMP transient where AMP was measured (batch 8 and 32)
        Assert.Equal(32, GpuOracle.Runs().Count());
        Assert.Equal((32 * 8) + 21, GpuOracle.RowIds().Count());
        Assert.Equal(8, GpuOracle.FitIds().Count());
    }

    [Theory]
    [MemberData(nameof(Figures))]
    public void Gpu_Figure_WithinTolerance(string model, long batch, string figure)
    {
        var r = GpuOracle.Row(model, batch, figure);
        Assert.True(r.Problem is null, $"{model} b{batch} {figure}: not analysed: {r.Problem}");
        var id = $"{model} b{batch} {figure}";
        var what = $"{id}: cnnmem {r.Estimated:N0} vs gpu {r.Measured:N0} ({r.Error:+0.0%;-0.0%}), tolerance {r.Tolerance:P0} or 512 KiB";
        AssertAsRecorded(id, r.Within, what);
    }

    [Theory]
    [MemberData(nameof(Means))]
    public void Gpu_MeanError_WithinBound(string key)
    {
        var rows = GpuOracle.Rows().Where(r => r.Key == key).ToList();
        Assert.NotEmpty(rows);
        var missing = rows.Where(r => r.Problem is not null).ToList();
        Assert.True(missing.Count == 0, $"{key}: {missing.Count} of {rows.Count} rows not analysed, e.g. {missing.FirstOrDefault()?.Problem}");
        var mean = rows.Average(r => Math.Abs(r.Error!.Value));
        AssertAsRecorded($"mean {key}", mean <= MeanBounds[key], $"{key}: mean |error| {mean:P1}, bound {MeanBounds[key]:P0}, over {rows.Count} rows");
    }

    [Theory]
    [MemberData(nameof(Fits))]
    public void Gpu_Fit_NeverOverPromises(string model, string mode)
    {
        var f = GpuOracle.Fit(model, mode);
        Assert.True(f.Problem is null, $"fit {model} {mode}: not analysed: {f.Problem}");
        AssertAsRecorded($"fit {model} {mode}", f.Within, $"fit {model} {mode}: cnnmem {f.Predicted} vs largest that fits on the GPU {f.MeasuredMaxBatch} (must be {f.MinShare:P0}..100% of it)");
    }

    /// <summary>Regenerates the GPU section and compares it with the committed docs/accuracy.md; with CNNMEM_WRITE_ACCURACY set, writes it there instead.</summary>
    [Fact]
    public void GpuAccuracyTable_MatchesDocs()
    {
        var text = GpuAccuracySection.Text();
        var path = Environment.GetEnvironmentVariable("CNNMEM_WRITE_ACCURACY");
        if (!string.IsNullOrEmpty(path))
        {
            var (file, current) = AccuracyDoc.Target(path);
            File.WriteAllText(file, AccuracyDoc.Compose(current, text));
            return;
        }
        var committed = AccuracyDoc.GpuPart(File.ReadAllText(AccuracyDoc.Path));
        Assert.True(committed == text,
            "docs/accuracy.md's GPU section differs from what the model gives now; regenerate it with " +
            "CNNMEM_WRITE_ACCURACY=docs/accuracy.md dotnet test tests/CnnMem.Tests --filter AccuracyTable" +
            $"\nfirst difference at line {FirstDifference(committed, text)}");
    }

    /// <summary>Within tolerance unless recorded in known-misses.txt, in which case it must still miss.</summary>
    private static void AssertAsRecorded(string id, bool within, string what)
    {
        if (GpuKnownMisses.Contains(id))
        {
            Assert.False(within, $"{what}: now within tolerance; remove '{id}' from {GpuKnownMisses.File} (tests/CnnMem.Tests/TestData/oracle/gpu/known-misses.txt)");
        }
        else
        {
            Assert.True(within, what);
        }
    }

    private static string FirstDifference(string a, string b)
    {
        var x = a.Split('\n');
        var y = b.Split('\n');
        var i = 0;
        while (i < x.Length && i < y.Length && x[i] == y[i])
        {
            i++;
        }
        return $"{i + 1}: committed '{(i < x.Length ? x[i] : "(end)")}', generated '{(i < y.Length ? y[i] : "(end)")}'";
    }
}
