using System.Text.Json;
using CnnMem.Tests.Onnx;

namespace CnnMem.Tests.Cli;

/// <summary>The multi-device options of analyze and fit: the JSON contract, the explained sections, errors, and fit agreeing with analyze.</summary>
public class ParallelCliTests
{
    private static readonly string ResNet18 = ImportTestModels.OracleModel("resnet18.train.onnx");

    private static readonly string[] PerDeviceFields =
        ["param_bytes", "gradient_bytes", "optimizer_state_bytes", "activation_peak_bytes", "communication_buffer_bytes", "total_bytes"];

    [Theory]
    [InlineData("ddp")]
    [InlineData("zero1")]
    [InlineData("zero2")]
    [InlineData("zero3")]
    [InlineData("fsdp")]
    public void Analyze_Json_HasMemoryParallelPerDevice(string strategy)
    {
        var r = CliRun.Of("analyze", ResNet18, "--batch", "4", "--optimizer", "adam", "--gpus", "4", "--parallel", strategy, "--grad-accum", "2", "--backend", "cuda", "--format", "json");
        Assert.True(r.ExitCode == 0, r.Error);
        var p = JsonDocument.Parse(r.Out).RootElement.GetProperty("memory").GetProperty("parallel");
        Assert.Equal(strategy, p.GetProperty("strategy").GetString());
        Assert.Equal((4, 4L, 2, 32L), (p.GetProperty("gpus").GetInt32(), p.GetProperty("micro_batch").GetInt64(), p.GetProperty("grad_accum").GetInt32(), p.GetProperty("global_batch").GetInt64()));
        var d = p.GetProperty("per_device");
        foreach (var f in PerDeviceFields)
        {
            Assert.True(d.GetProperty(f).GetInt64() >= 0, f);
        }
        Assert.True(d.GetProperty("reserved_bytes").GetInt64() > d.GetProperty("total_bytes").GetInt64());
    }

    [Fact]
    public void Analyze_Table_ExplainsEachFigure()
    {
        var r = CliRun.Of("analyze", ResNet18, "--batch", "2", "--gpus", "8", "--parallel", "fsdp", "--fsdp-unit-depth", "2", "--amp");
        Assert.True(r.ExitCode == 0, r.Error);
        foreach (var s in new[] { "FSDP2 full shard on 8 devices", "dim-0 shards", "two units in flight", "NCCL (outside the caching allocator)", "Peak per device", "MixedPrecisionPolicy" })
        {
            Assert.Contains(s, r.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Analyze_WithoutParallelOptions_HasNoParallelSection()
    {
        var r = CliRun.Of("analyze", ResNet18, "--batch", "1", "--format", "json");
        Assert.DoesNotContain("\"parallel\"", r.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--parallel", "zero4", "unknown --parallel strategy 'zero4'")]
    [InlineData("--gpus", "0", "--gpus expects a number of devices")]
    [InlineData("--parallel", "auto", "--parallel auto compares the strategies side by side in 'cnnmem fit'")]
    [InlineData("--fsdp-unit-depth", "2", "--fsdp-unit-depth applies to --parallel fsdp, not ddp")]
    [InlineData("--reshard-after-forward", "maybe", "--reshard-after-forward applies to --parallel fsdp")]
    [InlineData("--reduce-bucket-size", "5e8", "--reduce-bucket-size applies to --parallel zero1, zero2 or zero3")]
    public void Analyze_BadParallelOption_IsAUsageError(string option, string value, string message)
    {
        var r = CliRun.Of("analyze", ResNet18, option, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Error, StringComparison.Ordinal);
        Assert.False(r.HasStackTrace);
    }

    [Fact]
    public void Fit_ParallelAuto_ComparesEveryStrategy()
    {
        var r = CliRun.Of("fit", ResNet18, "--memory", "8GiB", "--optimizer", "adam", "--gpus", "8", "--parallel", "auto", "--reduce-bucket-size", "5e7");
        Assert.True(r.ExitCode == 0, r.Error);
        foreach (var s in new[] { "ddp ", "zero1 ", "zero2 ", "zero3 ", "fsdp " })
        {
            Assert.Contains("      " + s, r.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Fit_MicroBatch_FitsAndAgreesWithAnalyze()
    {
        var r = CliRun.Of("fit", ResNet18, "--memory", "6GB", "--optimizer", "adam", "--gpus", "4", "--parallel", "zero3", "--grad-accum", "3", "--format", "json");
        Assert.True(r.ExitCode == 0, r.Error);
        var fit = JsonDocument.Parse(r.Out).RootElement.GetProperty("parallel")[0];
        var micro = fit.GetProperty("fit").GetProperty("batch").GetInt64();
        Assert.Equal(micro * 4 * 3, fit.GetProperty("global_batch").GetInt64());
        var at = fit.GetProperty("fit").GetProperty("bytes_at_batch").GetInt64();
        Assert.InRange(at, 1, 6_000_000_000);
        Assert.True(fit.GetProperty("fit").GetProperty("bytes_at_next_batch").GetInt64() > 6_000_000_000);
        var a = CliRun.Of("analyze", ResNet18, "--batch", micro.ToString(System.Globalization.CultureInfo.InvariantCulture), "--optimizer", "adam", "--gpus", "4",
            "--parallel", "zero3", "--grad-accum", "3", "--backend", "cuda", "--format", "json");
        Assert.True(a.ExitCode == 0, a.Error);
        var d = JsonDocument.Parse(a.Out).RootElement.GetProperty("memory").GetProperty("parallel").GetProperty("per_device");
        Assert.Equal(at, d.GetProperty("reserved_bytes").GetInt64());
    }
}
