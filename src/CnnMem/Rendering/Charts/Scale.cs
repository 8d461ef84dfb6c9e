namespace CnnMem.Rendering.Charts;

/// <summary>
/// A linear axis from 0 (or <see cref="Min"/>) to a "nice" maximum with round ticks (1, 2, 2.5 or 5 times a power of
/// ten), and for byte axes the SI unit the tick labels use.
/// </summary>
internal sealed record Scale(double Min, double Max, double Step)
{
    public static Scale Nice(double min, double max, int ticks = 6)
    {
        if (max <= min)
        {
            max = min + 1;
        }
        var raw = (max - min) / ticks;
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * power).First(s => s >= raw);
        return new Scale(Math.Floor(min / step) * step, Math.Ceiling(max / step) * step, step);
    }

    public IEnumerable<double> Ticks()
    {
        for (var v = Min; v <= Max + (Step / 1000); v += Step)
        {
            yield return v;
        }
    }

    /// <summary>The SI unit for byte ticks up to <paramref name="max"/>: its divisor and name (GB = 10^9 bytes).</summary>
    public static (double Divisor, string Unit) ByteUnit(double max) => max switch
    {
        >= 1e12 => (1e12, "TB"),
        >= 1e9 => (1e9, "GB"),
        >= 1e6 => (1e6, "MB"),
        >= 1e3 => (1e3, "kB"),
        _ => (1, "B"),
    };

    public static string Label(double value) => value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
