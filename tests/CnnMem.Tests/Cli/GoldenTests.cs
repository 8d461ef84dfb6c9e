namespace CnnMem.Tests.Cli;

/// <summary>The table (piped, fixed width) and JSON, compared exactly with tests/CnnMem.Tests/Golden/ (CNNMEM_UPDATE_GOLDEN=1 rewrites them).</summary>
public class GoldenTests
{
    [Theory]
    [InlineData("table", "txt")]
    [InlineData("json", "json")]
    [InlineData("markdown", "md")]
    public void Tiny_MatchesGolden(string format, string extension)
    {
        var r = CliRun.Tiny("analyze", "tiny", "--batch", "2", "--optimizer", "adam", "--format", format);
        Assert.Equal(0, r.ExitCode);
        GoldenFile.Verify($"twoconv_b2.{format}.{extension}", r.Out);
    }
}
