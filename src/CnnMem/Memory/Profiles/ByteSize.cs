using System.Globalization;

namespace CnnMem.Memory.Profiles;

/// <summary>Parses memory sizes such as <c>24GiB</c>, <c>80GB</c>, <c>512MiB</c> or <c>1000000</c> (bytes).</summary>
internal static class ByteSize
{
    private static readonly (string Suffix, long Factor)[] Units =
    {
        ("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30), ("TiB", 1L << 40),
        ("kB", 1_000), ("KB", 1_000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("TB", 1_000_000_000_000),
        ("B", 1),
    };

    public static long Parse(string text)
    {
        var t = text.Trim();
        foreach (var (suffix, factor) in Units)
        {
            if (t.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && (suffix != "B" || (t.Length >= 2 && !char.IsLetter(t[^2]))))
            {
                var number = t[..^suffix.Length].Trim();
                if (decimal.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0)
                {
                    return checked((long)decimal.Floor(v * factor));
                }
                break;
            }
        }
        if (long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && bytes > 0)
        {
            return bytes;
        }
        throw new CnnMemException($"a memory size must be a positive number with an optional unit (B, kB, MB, GB, KiB, MiB, GiB), e.g. 24GiB; found '{text}'");
    }
}
