namespace CnnMem.Tests.Memory;

/// <summary>
/// The framework model against networks measured for cnnmem with the oracle's method (<c>tools/oracle/measure.py</c>,
/// PyTorch 1.13 CPU, TestData/measured): video networks with 3D convolutions (r3d_18, mc3_18, r2plus1d_18 on a
/// 3x8x56x56 clip; every figure) and convnext_tiny (inference only; the files also hold oneDNN-off peaks, not compared:
/// PyTorch's depthwise 7x7 without oneDNN allocates no im2col buffer, which the model does not know yet). Same tolerances as the oracle.
/// </summary>
public class MeasuredNetworkTests
{
    /// <summary>
    /// Figures known to miss; the test fails when one starts to pass. r3d_18 at batch 8: oneDNN's 3D convolution backward
    /// (weight and data gradients in blocked formats) allocates more than the 2D rule gives (-17.5% backward, -12% to -19% steady).
    /// </summary>
    public static readonly IReadOnlySet<string> KnownMisses = new HashSet<string>(StringComparer.Ordinal)
    {
        "r3d_18/8/backward_peak_bytes", "r3d_18/8/steady_peak_bytes[sgd]", "r3d_18/8/steady_peak_bytes[sgd_momentum]", "r3d_18/8/steady_peak_bytes[adam]",
    };

    public static IEnumerable<object[]> Cases() => OracleComparison.Cases(OracleComparison.MeasuredDir).Select(c => new object[] { c.Model, c.Batch });

    [Theory]
    [MemberData(nameof(Cases))]
    public void Measured_EveryFigure_WithinTolerance(string model, long batch)
    {
        var rows = OracleComparison.Rows(OracleComparison.MeasuredDir, model, batch).ToList();
        Assert.NotEmpty(rows);
        var misses = rows.Where(r => !r.Within && !KnownMisses.Contains($"{model}/{batch}/{r.Figure}"))
            .Select(r => $"{r.Figure}: measured {r.Measured}, estimated {r.Estimated} ({r.Error:P2}, tolerance {r.Tolerance:P0})").ToList();
        Assert.True(misses.Count == 0, string.Join("\n", misses));
        var fixedNow = rows.Where(r => r.Within && KnownMisses.Contains($"{model}/{batch}/{r.Figure}")).Select(r => r.Figure).ToList();
        Assert.True(fixedNow.Count == 0, $"known misses now within tolerance (remove them): {string.Join(", ", fixedNow)}");
    }

    [Fact]
    public void Measured_EveryResultHasItsModel()
    {
        var results = Directory.GetFiles(Path.Combine(OracleComparison.MeasuredDir, "results"), "*__b*.json").Length;
        Assert.Equal(results, OracleComparison.Cases(OracleComparison.MeasuredDir).Count());
        Assert.True(results >= 8, $"only {results} measured files");
    }
}
