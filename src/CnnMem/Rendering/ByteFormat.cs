using System.Globalization;

namespace CnnMem.Rendering;

/// <summary>Byte sizes with explicit units and element counts with thousands separators, culture-independent.</summary>
internal static class ByteFormat
{
    private static readonly string[] SiUnits = ["B", "kB", "MB", "GB", "TB", "PB", "EB"];
    private static readonly string[] IecUnits = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];

    /// <summary>"628.82 kB" (SI) or "614.08 KiB" (IEC); below one kilo-unit, whole bytes ("512 B").</summary>
    public static string Bytes(long bytes, UnitSystem units) => Bytes(bytes, units, 2);

    /// <summary>
    /// <paramref name="bytes"/> with as many decimals as it takes (up to 9) for its text to differ from
    /// <paramref name="other"/>'s at the same precision, so a need just over a budget reads as over it (16.0001 GiB, not 16 GiB).
    /// </summary>
    public static string BytesBeside(long bytes, long other, UnitSystem units)
    {
        for (var decimals = 2; decimals < 9; decimals++)
        {
            if (bytes == other || Bytes(bytes, units, decimals) != Bytes(other, units, decimals))
            {
                return Bytes(bytes, units, decimals);
            }
        }
        return Bytes(bytes, units, 9);
    }

    private static string Bytes(long bytes, UnitSystem units, int decimals)
    {
        var (names, step) = units == UnitSystem.Iec ? (IecUnits, 1024.0) : (SiUnits, 1000.0);
        if (Math.Abs(bytes) < step)
        {
            return bytes.ToString(CultureInfo.InvariantCulture) + " B";
        }
        double value = bytes;
        var unit = 0;
        while (Math.Abs(value) >= step && unit < names.Length - 1)
        {
            value /= step;
            unit++;
        }
        // Rounding can reach the next unit (999.996 kB -> "1000 kB"); step up so the text stays below it.
        if (Math.Abs(Math.Round(value, decimals)) >= step && unit < names.Length - 1)
        {
            value /= step;
            unit++;
        }
        return value.ToString("#,##0." + new string('#', decimals), CultureInfo.InvariantCulture) + " " + names[unit];
    }

    /// <summary>An integer with invariant thousands separators: 5,120,000.</summary>
    public static string Count(long n) => n.ToString("#,##0", CultureInfo.InvariantCulture);

    /// <summary>
    /// A count with an SI suffix for tables: "4.09 G", "25.56 M", "9.41 k"; below 10,000 the plain number ("4,096").
    /// Tables use it for parameters and MACs; JSON and CSV keep the raw integer.
    /// </summary>
    public static string Human(long n)
    {
        if (Math.Abs(n) < 10_000)
        {
            return Count(n);
        }
        string[] suffixes = ["k", "M", "G", "T", "P", "E"];
        double value = n;
        var unit = -1;
        while (Math.Abs(Math.Round(value, 2)) >= 1000 && unit < suffixes.Length - 1)
        {
            value /= 1000;
            unit++;
        }
        return value.ToString("0.##", CultureInfo.InvariantCulture) + " " + suffixes[unit];
    }

    /// <summary>An integer with no separators, for machines.</summary>
    public static string Raw(long n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>The sentence that says which unit system a rendering uses.</summary>
    public static string Footnote(UnitSystem units) => units == UnitSystem.Iec
        ? "Units: KiB = 2^10 bytes, MiB = 2^20 bytes, GiB = 2^30 bytes (IEC)."
        : "Units: kB = 10^3 bytes, MB = 10^6 bytes, GB = 10^9 bytes (SI; --units iec for KiB/MiB/GiB).";

    public static string Name(UnitSystem units) => units == UnitSystem.Iec ? "iec" : "si";

    public static bool TryParse(string text, out UnitSystem units)
    {
        foreach (var u in Enum.GetValues<UnitSystem>())
        {
            if (string.Equals(Name(u), text, StringComparison.OrdinalIgnoreCase))
            {
                units = u;
                return true;
            }
        }
        units = default;
        return false;
    }
}
