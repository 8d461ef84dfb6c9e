using CnnMem.Cli;
using CnnMem.Tests.Onnx;

namespace CnnMem.Tests.Cli;

/// <summary>Errors in the user's language: what they typed, what is wrong, what to do; exit 2, no stack trace.</summary>
public class MessageTests
{
    [Theory]
    [InlineData("abc", "--batch: 'abc' is not a whole number")]
    [InlineData("1e3", "--batch: '1e3' is not a whole number")]
    [InlineData("1,8,32", "--batch: '1,8,32' is not a whole number (one value per run")]
    [InlineData("2.5", "--batch: '2.5' is not a whole number")]
    [InlineData("0", "--batch must be at least 1, found 0")]
    public void Batch_NotAWholeNumber_SaysSo(string value, string expected)
    {
        var r = CliRun.Tiny("analyze", "tiny", "--batch", value);
        Assert.Equal(ExitCodes.UsageOrInput, r.ExitCode);
        Assert.Contains(expected, r.Error);
        Assert.DoesNotContain("System.Nullable", r.Error);
        Assert.False(r.HasStackTrace);
    }

    [Theory]
    [InlineData("analyze")]
    [InlineData("fit")]
    public void Output_IsAFolder_SaysSo(string command)
    {
        var dir = Directory.CreateTempSubdirectory("cnnmem-out").FullName;
        try
        {
            string[] args = command == "fit" ? ["fit", "tiny", "--memory", "1GB", "-o", dir] : ["analyze", "tiny", "-o", dir];
            var r = CliRun.Tiny(args);
            Assert.Equal(ExitCodes.UsageOrInput, r.ExitCode);
            Assert.Contains($"--output: '{dir}' is a folder; give a file path", r.Error);
            Assert.DoesNotContain("denied", r.Error);
        }
        finally
        {
            Directory.Delete(dir);
        }
    }

    [Fact]
    public void Int8OnAStaticFile_NoBatchHint()
    {
        var model = ImportTestModels.OracleModel("resnet18.onnx");
        var r = CliRun.Of("analyze", model, "--dtype", "int8", "-b", "8");
        Assert.Equal(ExitCodes.UsageOrInput, r.ExitCode);
        Assert.Contains("expects a floating point input, found int8", r.Error);
        Assert.DoesNotContain("fixed batch", r.Error);
    }
}
