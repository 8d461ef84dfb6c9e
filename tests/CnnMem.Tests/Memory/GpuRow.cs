namespace CnnMem.Tests.Memory;

/// <summary>
/// One GPU figure compared as compare_gpu.py does: cnnmem's estimate (null when the analysis failed, with the reason in
/// <paramref name="Problem"/>) against the measurement, within a relative tolerance that also passes within 512 KiB.
/// </summary>
public sealed record GpuRow(string Model, long Batch, string Figure, long Measured, long? Estimated, double Tolerance, string? Problem = null)
{
    /// <summary>compare_gpu.py's FLOOR: every relative tolerance also passes within this many bytes.</summary>
    public const long FloorBytes = 512 << 10;

    /// <summary>The figure's family without the case label ("steady_peak[adam]" -> "steady_peak"), as compare_gpu.py's summary keys.</summary>
    public string Key => Figure.Split('[')[0];

    /// <summary>(estimated - measured) / max(measured, 1), as compare_gpu.py; null when not analysed.</summary>
    public double? Error => Estimated is { } e ? (double)(e - Measured) / Math.Max(Measured, 1) : null;

    public bool Within => Estimated is { } e && Error is { } err && (Math.Abs(err) <= Tolerance || Math.Abs(e - Measured) <= FloorBytes);
}
