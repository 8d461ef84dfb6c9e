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
        GoldenFile.Verify($"twoconv_b2.{extension}", r.Out);
    }

    [Theory]
    [InlineData("seed", "table", "txt")]
    [InlineData("seed", "json", "json")]
    [InlineData("seed_ceil", "table", "txt")]
    [InlineData("seed_ceil", "json", "json")]
    [InlineData("lenet5", "table", "txt")]
    [InlineData("lenet5", "json", "json")]
    public void BuiltIn_Batch64_MatchesGolden(string model, string format, string extension)
    {
        var r = CliRun.Of("analyze", model, "--format", format);
        Assert.Equal(0, r.ExitCode);
        GoldenFile.Verify($"{model}_b64.{extension}", r.Out);
    }

    [Fact]
    public void NoArguments_IsSeedAtBatch64()
    {
        var noArgs = CliRun.Of();
        Assert.Equal(0, noArgs.ExitCode);
        Assert.Equal(CliRun.Of("analyze", "seed").Out, noArgs.Out);
        Assert.Contains("batch 64", noArgs.Out);
    }
}
