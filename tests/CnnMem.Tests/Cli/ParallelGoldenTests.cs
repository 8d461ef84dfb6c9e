namespace CnnMem.Tests.Cli;

/// <summary>The per-device section in each format, compared exactly with tests/CnnMem.Tests/Golden/ (CNNMEM_UPDATE_GOLDEN=1 rewrites them).</summary>
public class ParallelGoldenTests
{
    [Theory]
    [InlineData("zero3", "table", "txt")]
    [InlineData("zero3", "json", "json")]
    [InlineData("fsdp", "markdown", "md")]
    [InlineData("ddp", "table", "txt")]
    public void Tiny_OnFourDevices_MatchesGolden(string strategy, string format, string extension)
    {
        var r = CliRun.Tiny("analyze", "tiny", "--batch", "2", "--optimizer", "adam", "--backend", "cuda", "--gpus", "4", "--parallel", strategy, "--format", format);
        Assert.True(r.ExitCode == 0, r.Error);
        GoldenFile.Verify($"twoconv_b2_{strategy}x4.{extension}", r.Out);
    }
}
