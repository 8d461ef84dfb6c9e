using CnnMem.Rendering;

namespace CnnMem.Tests.Rendering;

public class ByteFormatTests
{
    [Theory]
    [InlineData(0L, UnitSystem.Si, "0 B")]
    [InlineData(999L, UnitSystem.Si, "999 B")]
    [InlineData(1000L, UnitSystem.Si, "1 kB")]
    [InlineData(628_824L, UnitSystem.Si, "628.82 kB")]
    [InlineData(40_244_736L, UnitSystem.Si, "40.24 MB")]
    [InlineData(999_999L, UnitSystem.Si, "1 MB")]
    [InlineData(1_500_000_000L, UnitSystem.Si, "1.5 GB")]
    [InlineData(1023L, UnitSystem.Iec, "1023 B")]
    [InlineData(1024L, UnitSystem.Iec, "1 KiB")]
    [InlineData(1536L, UnitSystem.Iec, "1.5 KiB")]
    [InlineData(3L * 1024 * 1024, UnitSystem.Iec, "3 MiB")]
    [InlineData(5L * 1024 * 1024 * 1024, UnitSystem.Iec, "5 GiB")]
    public void Bytes_Theory(long bytes, UnitSystem units, string expected) => Assert.Equal(expected, ByteFormat.Bytes(bytes, units));

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(999L, "999")]
    [InlineData(5_120_000L, "5,120,000")]
    [InlineData(-1234L, "-1,234")]
    public void Count_UsesInvariantThousandsSeparators(long n, string expected) => Assert.Equal(expected, ByteFormat.Count(n));

    [Fact]
    public void Count_IgnoresCurrentCulture()
    {
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal("1,234,567", ByteFormat.Count(1_234_567));
            Assert.Equal("1.5 kB", ByteFormat.Bytes(1500, UnitSystem.Si));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }

    [Theory]
    [InlineData(UnitSystem.Si, "MB = 10^6 bytes")]
    [InlineData(UnitSystem.Iec, "MiB = 2^20 bytes")]
    public void Footnote_NamesTheUnitSystem(UnitSystem units, string expected) => Assert.Contains(expected, ByteFormat.Footnote(units));
}
