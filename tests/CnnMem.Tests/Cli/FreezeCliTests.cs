using System.Text.Json;
using CnnMem.Cli;

namespace CnnMem.Tests.Cli;

/// <summary>--freeze and --trainable on the command line, and what the file's own frozen parameters do.</summary>
public class FreezeCliTests
{
    private static string Provenance(string file) => Path.Combine(AppContext.BaseDirectory, "TestData", "provenance", file);

    private static JsonElement Totals(CliRun r)
    {
        Assert.True(r.ExitCode == 0, r.Error);
        return JsonDocument.Parse(r.Out).RootElement.GetProperty("totals");
    }

    [Fact]
    public void Freeze_AllButHead_ResNet18_IssueFigures()
    {
        var r = CliRun.Of("analyze", "resnet18", "--batch", "8", "--optimizer", "momentum", "--backend", "cpu", "--framework", "pytorch-1.13",
            "--freeze", "*", "--trainable", "fc*", "--format", "json");
        Assert.Equal(513_000, Totals(r).GetProperty("trainable_params").GetInt64());
        Assert.Equal(11_176_512, Totals(r).GetProperty("non_trainable_params").GetInt64());
        var training = JsonDocument.Parse(r.Out).RootElement.GetProperty("memory").GetProperty("training");
        Assert.Equal(2_052_000, training.GetProperty("gradient_bytes").GetInt64());
        Assert.Equal(2_052_000, training.GetProperty("optimizer_state_bytes").GetInt64());
    }

    [Fact]
    public void Freeze_OrderApplies_LastMatchWins()
    {
        // the same two rules in the other order leave everything frozen but... nothing: '*' comes last and freezes fc too
        var headOnly = Totals(CliRun.Of("analyze", "resnet18", "--freeze", "*", "--trainable", "fc", "--format", "json"));
        var allFrozen = Totals(CliRun.Of("analyze", "resnet18", "--trainable", "fc", "--freeze", "*", "--format", "json"));
        Assert.Equal(513_000, headOnly.GetProperty("trainable_params").GetInt64());
        Assert.Equal(0, allFrozen.GetProperty("trainable_params").GetInt64());
    }

    [Fact]
    public void Freeze_ModuleName_CoversItsParameters()
    {
        var layer1 = Totals(CliRun.Of("analyze", "resnet18", "--freeze", "layer1", "--format", "json"));
        // layer1 of resnet18: two BasicBlocks of two 64->64 3x3 convolutions with BatchNorm (4 x (36,864 + 128))
        Assert.Equal(147_968, layer1.GetProperty("non_trainable_params").GetInt64());
    }

    [Fact]
    public void Freeze_FitToo_MoreBatchFits()
    {
        var full = CliRun.Of("fit", "resnet18", "--memory", "8gb", "--optimizer", "adam", "--format", "json");
        var head = CliRun.Of("fit", "resnet18", "--memory", "8gb", "--optimizer", "adam", "--freeze", "*", "--trainable", "fc*", "--format", "json");
        Assert.True(full.ExitCode == 0, full.Error);
        Assert.True(head.ExitCode == 0, head.Error);
        Assert.NotEqual(full.Out, head.Out);
    }

    [Theory]
    [InlineData("lyer1", "matches no parameter or module")]
    [InlineData("", "needs a GLOB")]
    public void Freeze_BadGlob_ExitsTwoWithMessage(string glob, string expected)
    {
        var r = CliRun.Of("analyze", "resnet18", "--freeze", glob);
        Assert.Equal(ExitCodes.UsageOrInput, r.ExitCode);
        Assert.Contains(expected, r.Error, StringComparison.Ordinal);
        Assert.False(r.HasStackTrace);
    }

    [Fact]
    public void OnnxMetadata_FrozenParams_AreFrozen()
    {
        // Conv2d(3, 8, 3): 216 + 8 parameters frozen by the file; BatchNorm and Linear stay trainable
        var t = Totals(CliRun.Of("analyze", Provenance("tiny_frozen.onnx"), "--format", "json"));
        Assert.Equal(224, t.GetProperty("non_trainable_params").GetInt64());
        var unfrozen = Totals(CliRun.Of("analyze", Provenance("tiny_frozen.onnx"), "--trainable", "0.*", "--format", "json"));
        Assert.Equal(0, unfrozen.GetProperty("non_trainable_params").GetInt64());
    }

    [Theory]
    [InlineData("tiny_bad_json.onnx", "is not valid JSON")]
    [InlineData("tiny_unknown_name.onnx", "names 'conv9.weight', which is not a parameter")]
    public void OnnxMetadata_Bad_ExitsTwoNamingFileAndKey(string file, string expected)
    {
        var r = CliRun.Of("analyze", Provenance(file));
        Assert.Equal(ExitCodes.UsageOrInput, r.ExitCode);
        Assert.Contains(file, r.Error, StringComparison.Ordinal);
        Assert.Contains("cnnmem.frozen_params", r.Error, StringComparison.Ordinal);
        Assert.Contains(expected, r.Error, StringComparison.Ordinal);
        Assert.False(r.HasStackTrace);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("table")]
    [InlineData("markdown")]
    [InlineData("csv")]
    public void DefaultExport_WarnsInEveryFormat_HowToExportForTraining(string format)
    {
        var r = CliRun.Of("analyze", Provenance("resnet18_default_export.onnx"), "--format", format);
        Assert.True(r.ExitCode == 0, r.Error);
        var text = r.Out + r.Error;
        Assert.Contains("inference-mode export", text, StringComparison.Ordinal);
        Assert.Contains("BatchNorm folded into 20 convolution(s)", text, StringComparison.Ordinal);
        Assert.Contains("training=torch.onnx.TrainingMode.TRAINING", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ExporterMetadata_EvalMode_Warns()
    {
        var r = CliRun.Of("analyze", Provenance("tiny_exporter_eval.onnx"), "--format", "json");
        Assert.True(r.ExitCode == 0, r.Error);
        var warnings = JsonDocument.Parse(r.Out).RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!);
        Assert.Contains(warnings, w => w.Contains("metadata 'cnnmem.exporter' says mode 'eval'", StringComparison.Ordinal));
    }

    [Fact]
    public void TrainingExport_HasNoExportWarning()
    {
        var r = CliRun.Of("analyze", Provenance("tiny_frozen.onnx"), "--format", "json");
        Assert.DoesNotContain("inference-mode export", r.Out + r.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("table")]
    [InlineData("markdown")]
    public void SourceMetadata_NamesTheModule_NotTheTemporaryFile(string format)
    {
        var file = Provenance("tiny_source.onnx");
        var r = CliRun.Of("analyze", file, "--format", format);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("PyTorch module torch.nn.modules.container.Sequential", r.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(file, r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void NoSourceMetadata_NamesTheFile()
    {
        var file = Provenance("tiny_frozen.onnx");
        var r = CliRun.Of("analyze", file, "--format", "json");
        Assert.Equal(file, JsonDocument.Parse(r.Out).RootElement.GetProperty("source").GetString());
    }
}
