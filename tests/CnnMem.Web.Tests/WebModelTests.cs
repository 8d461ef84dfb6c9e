using System.Collections.Immutable;
using CnnMem.Web.Model;

namespace CnnMem.Web.Tests;

/// <summary>The page's helpers that need no browser: name shortening, error positions, sorting, framework names.</summary>
public class WebModelTests
{
    [Theory]
    [InlineData("C1", "C1")]
    [InlineData("/layer1/layer1.0/bn1/BatchNormalization", "/layer1/layer1.0/bn1/BatchNormalization")] // 39: fits
    [InlineData("/layer1/layer1.0/downsample/downsample.0/Conv", "\u2026/layer1.0/downsample/downsample.0/Conv")]
    [InlineData("/a/averyveryveryveryveryveryveryveryverylongsegment", "/a/averyveryv\u2026eryveryveryverylongsegment")]
    [InlineData("a_name_without_any_slashes_that_goes_on_and_on", "a_name_withou\u2026lashes_that_goes_on_and_on")]
    public void Shorten_KeepsTheEndOfLongNames(string name, string shown)
    {
        Assert.Equal(shown, NameShortener.Shorten(name));
        Assert.True(NameShortener.Shorten(name).Length <= NameShortener.DefaultMax);
    }

    [Theory]
    [InlineData("seed.cnn:3:17: expected padding", 3, 17, "expected padding")]
    [InlineData("seed.cnn:12:1: layer 'C1' (Conv): the kernel (9) is larger", 12, 1, "layer 'C1' (Conv): the kernel (9) is larger")]
    public void ErrorLocation_ReadsLineAndColumn(string message, int line, int column, string rest)
    {
        Assert.Equal(new ErrorLocation(line, column, rest), ErrorLocation.TryParse(message, "seed.cnn"));
    }

    [Theory]
    [InlineData("other.cnn:3:17: x")]
    [InlineData("seed.cnn: a total overflows 64 bits")]
    [InlineData("seed.cnn:3: no column")]
    public void ErrorLocation_OtherMessages_HaveNone(string message) => Assert.Null(ErrorLocation.TryParse(message, "seed.cnn"));

    [Fact]
    public void ErrorLocation_LineText_IsTheSpecLine()
    {
        var at = new ErrorLocation(2, 5, "x");
        Assert.Equal("conv 32 3x3", at.LineText("input 5x5x3\r\nconv 32 3x3\r\n"));
        Assert.Equal("", new ErrorLocation(9, 1, "x").LineText("input 5x5x3"));
    }

    [Fact]
    public void Sort_Numbers_ByRawValue_UnknownLast()
    {
        var raw = new TableColumn<(string Name, long? Bytes)>("Bytes", Numeric: true, r => r.Bytes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
        (string, long?)[] rows = [("a", 900), ("b", null), ("c", 1_200_000), ("d", 5)];
        Assert.Equal(["c", "a", "d", "b"], TableSort.Sort(rows, raw, descending: true).Select(r => r.Item1));
        Assert.Equal(["d", "a", "c", "b"], TableSort.Sort(rows, raw, descending: false).Select(r => r.Item1));
    }

    [Fact]
    public void Sort_Text_Ordinal()
    {
        var raw = new TableColumn<string>("Layer", Numeric: false, r => r);
        Assert.Equal(["C1", "C2", "FC1", "P1"], TableSort.Sort(ImmutableArray.Create("P1", "C2", "FC1", "C1"), raw, descending: false));
    }

    [Fact]
    public void FrameworkNames_ComeFromTheEnum()
    {
        Assert.Equal("pytorch-1.13", Choices.FrameworkName(Framework.PyTorch113));
        Assert.Equal(Enum.GetValues<Framework>().Length, Choices.Frameworks.Count);
    }
}
