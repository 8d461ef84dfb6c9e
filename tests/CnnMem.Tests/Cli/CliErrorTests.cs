using CnnMem.Cli;
using CnnMem.Core;

namespace CnnMem.Tests.Cli;

public class CliErrorTests
{
    [Theory]
    [InlineData("analyze", "tiny", "--bogus")]
    [InlineData("analyze", "--bogus")]
    [InlineData("--bogus")]
    [InlineData("analyze", "tiny", "--batch", "many")]
    [InlineData("analyze", "tiny", "--format", "xml")]
    [InlineData("analyze")]
    public void BadUsage_ExitsTwoWithMessage(params string[] args)
    {
        var r = CliRun.Tiny(args);
        Assert.Equal(ExitCodes.UsageOrInput, r.ExitCode);
        Assert.NotEqual("", r.Error.Trim());
        Assert.False(r.HasStackTrace);
    }

    [Theory]
    [InlineData("missing.cnn")]
    [InlineData("missing.onnx")]
    [InlineData("no/such/folder/model.cnn")]
    public void MissingFile_ExitsTwo(string path)
    {
        var r = CliRun.Tiny("analyze", path);
        Assert.Equal(ExitCodes.UsageOrInput, r.ExitCode);
        Assert.Contains("file not found", r.Error);
        Assert.Contains(path, r.Error);
        Assert.False(r.HasStackTrace);
    }

    [Theory]
    [InlineData("tiny.onnx")]
    [InlineData("no/such/folder/tiny.cnn")]
    public void MissingFile_NamedLikeABuiltIn_SuggestsIt(string path)
    {
        var r = CliRun.Tiny("analyze", path);
        Assert.Equal(ExitCodes.UsageOrInput, r.ExitCode);
        Assert.Contains($"file not found: {path}", r.Error);
        Assert.Contains("did you mean the built-in `tiny`?", r.Error);
    }

    [Fact]
    public void MissingFile_Resnet50Onnx_SuggestsTheZooNetwork()
    {
        var r = CliRun.Of("analyze", "resnet50.onnx");
        Assert.Equal(ExitCodes.UsageOrInput, r.ExitCode);
        Assert.Contains("did you mean the built-in `resnet50`?", r.Error);
    }

    [Fact]
    public void MissingFile_NamedLikeNothing_HasNoSuggestion()
    {
        var r = CliRun.Tiny("analyze", "model.onnx");
        Assert.Contains("file not found: model.onnx", r.Error);
        Assert.DoesNotContain("did you mean", r.Error);
    }

    [Fact]
    public void UnknownName_ListsBuiltIns()
    {
        var r = CliRun.Tiny("analyze", "nosuchnet");
        Assert.Equal(ExitCodes.UsageOrInput, r.ExitCode);
        Assert.Contains("tiny", r.Error);
        Assert.Contains(".cnn", r.Error);
    }

    [Fact]
    public void UnknownDType_ListsValidValues()
    {
        var r = CliRun.Tiny("analyze", "tiny", "--dtype", "float8");
        Assert.Equal(ExitCodes.UsageOrInput, r.ExitCode);
        Assert.Contains("float8", r.Error);
        foreach (var name in Enum.GetValues<DType>().Select(DTypes.Name))
        {
            Assert.Contains(name, r.Error);
        }
    }

    [Fact]
    public void UnknownOptimizer_ListsValidValues()
    {
        var r = CliRun.Tiny("analyze", "tiny", "--optimizer", "lion");
        Assert.Equal(ExitCodes.UsageOrInput, r.ExitCode);
        foreach (var name in Optimizers.Names)
        {
            Assert.Contains(name, r.Error);
        }
    }

    /// <summary>fit parses --optimizer with analyze's parser: the same error, word for word, for the same bad name.</summary>
    [Fact]
    public void UnknownOptimizer_FitAndAnalyze_SayTheSame()
    {
        var analyze = CliRun.Tiny("analyze", "tiny", "--optimizer", "lion");
        var fit = CliRun.Tiny("fit", "tiny", "--memory", "1GiB", "--optimizer", "sgd", "--optimizer", "lion");
        Assert.Equal(ExitCodes.UsageOrInput, fit.ExitCode);
        Assert.Contains("unknown optimizer 'lion'; expected one of: ", analyze.Error, StringComparison.Ordinal);
        Assert.Equal(analyze.Error, fit.Error);
    }

    [Theory]
    [InlineData("seq")]
    [InlineData("seq=0")]
    [InlineData("=3")]
    [InlineData("seq=x")]
    public void BadDim_ExitsTwo(string dim)
    {
        var r = CliRun.Tiny("analyze", "tiny", "--dim", dim);
        Assert.Equal(ExitCodes.UsageOrInput, r.ExitCode);
        Assert.Contains("NAME=VALUE", r.Error);
    }

    [Fact]
    public void ZeroBatch_ExitsTwo()
    {
        var r = CliRun.Tiny("analyze", "tiny", "--batch", "0");
        Assert.Equal(ExitCodes.UsageOrInput, r.ExitCode);
        Assert.Contains("at least 1", r.Error);
    }

    [Fact]
    public void UnexpectedException_IsInternalErrorWithoutStackTrace()
    {
        var broken = new ModelLoader(_ => throw new InvalidOperationException("boom"), () => []);
        var r = CliRun.With(broken, "analyze", "anything");
        Assert.Equal(ExitCodes.Internal, r.ExitCode);
        Assert.Contains("internal error", r.Error);
        Assert.Contains("boom", r.Error);
        Assert.Contains("report", r.Error);
        Assert.False(r.HasStackTrace);
    }

    [Fact]
    public void BadSpec_ExitsTwoWithLineNumber()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cnnmem-{Guid.NewGuid():N}.cnn");
        try
        {
            File.WriteAllText(path, "input 50x50x3\nnosuchlayer 3\n");
            var r = CliRun.Of("analyze", path);
            Assert.Equal(ExitCodes.UsageOrInput, r.ExitCode);
            Assert.Contains(":2:", r.Error);
            Assert.Contains("nosuchlayer", r.Error);
            Assert.False(r.HasStackTrace);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void UnsupportedExtension_ExitsTwo()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cnnmem-{Guid.NewGuid():N}.h5");
        try
        {
            File.WriteAllText(path, "");
            var r = CliRun.Of("analyze", path);
            Assert.Equal(ExitCodes.UsageOrInput, r.ExitCode);
            Assert.Contains("unsupported file type '.h5'", r.Error);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
