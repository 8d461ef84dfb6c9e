using System.Text.Json;
using CnnMem.Cli;
using CnnMem.Rendering;
using CnnMem.Tests.Onnx;
using Google.Protobuf;
using DataType = global::Onnx.TensorProto.Types.DataType;

namespace CnnMem.Tests.Cli;

/// <summary>fit takes analyze's model options (one shared type): --dim, --allow-unknown, --output, csv and markdown; cuda by default in both.</summary>
public class FitModelOptionsTests
{
    /// <summary>An ONNX conv whose input is [N,3,H,W] with H and W symbolic, written to a temporary file.</summary>
    private static string SymbolicHw()
    {
        var g = new global::Onnx.GraphProto { Name = "hw" };
        g.Input.Add(ImportTestModels.Tensor("x", DataType.Float, "N", 3L, "H", "W"));
        g.Initializer.Add(ImportTestModels.Weight("w", 4, 3, 3, 3));
        g.Node.Add(ImportTestModels.Node("Conv", "conv", new[] { "x", "w" }, new[] { "y" }, ImportTestModels.Ints("kernel_shape", 3, 3), ImportTestModels.Ints("pads", 1, 1, 1, 1)));
        g.Output.Add(ImportTestModels.Tensor("y", DataType.Float, "N", 4L, "H", "W"));
        var path = Path.Combine(Path.GetTempPath(), $"cnnmem-hw-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, ImportTestModels.Model(g).ToByteArray());
        return path;
    }

    [Fact]
    public void Fit_SymbolicHw_TakesDim()
    {
        var path = SymbolicHw();
        try
        {
            var without = CliRun.Of("fit", path, "--memory", "1GB");
            Assert.Equal(ExitCodes.UsageOrInput, without.ExitCode);
            Assert.Contains("--dim H=VALUE", without.Error);
            var with = CliRun.Of("fit", path, "--memory", "1GB", "--dim", "H=32", "--dim", "W=32", "--format", "json");
            Assert.True(with.ExitCode == ExitCodes.Success, with.Error);
            Assert.True(JsonDocument.Parse(with.Out).RootElement.GetProperty("results")[0].GetProperty("batch").GetInt64() > 1);
            var unknown = CliRun.Of("fit", path, "--memory", "1GB", "--dim", "S=3");
            Assert.Equal(ExitCodes.UsageOrInput, unknown.ExitCode);
            Assert.Contains("no dimension named 'S'; its inputs' named dimensions are: N (the batch), H, W", unknown.Error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("csv", "mode,batch,bytes_at_batch,headroom_bytes,next_batch,bytes_at_next_batch,budget_bytes\ninference,")]
    [InlineData("markdown", "| mode | batch | bytes_at_batch |")]
    public void Fit_CsvAndMarkdown_OneRowPerMode(string format, string expected)
    {
        var r = CliRun.Tiny("fit", "tiny", "--memory", "1GB", "--optimizer", "sgd", "--optimizer", "adam", "--format", format, "--allow-unknown");
        Assert.True(r.ExitCode == ExitCodes.Success, r.Error);
        Assert.Contains(expected, r.Out);
        Assert.Equal(3, r.Out.Split('\n').Count(l => l.StartsWith("inference", StringComparison.Ordinal) || l.StartsWith("\"training", StringComparison.Ordinal) || l.StartsWith("| inference", StringComparison.Ordinal) || l.StartsWith("| training", StringComparison.Ordinal)));
    }

    [Fact]
    public void Fit_Output_WritesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cnnmem-fit-{Guid.NewGuid():N}.json");
        try
        {
            var r = CliRun.Tiny("fit", "tiny", "--memory", "1GB", "--format", "json", "-o", path);
            Assert.True(r.ExitCode == ExitCodes.Success, r.Error);
            Assert.Equal("", r.Out);
            Assert.Equal(1_000_000_000, JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("budget_bytes").GetInt64());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("analyze")]
    [InlineData("fit")]
    public void Help_StatesCudaDefault_AndTheSharedOptions(string command)
    {
        var r = CliRun.Of(command, "--help");
        Assert.Equal(ExitCodes.Success, r.ExitCode);
        Assert.Contains("default cuda", r.Out);
        foreach (var option in new[] { "--dtype", "--dim", "--allow-unknown", "--output", "--format", "--units", "--backend", "--cuda-context" })
        {
            Assert.Contains(option, r.Out);
        }
        Assert.Contains("csv", r.Out);
        Assert.Contains("markdown", r.Out);
    }

    [Fact]
    public void Fit_AnalyzeCpu_AgreeToTheByte()
    {
        var fit = JsonDocument.Parse(CliRun.Of("fit", "seed", "--memory", "2GB", "--optimizer", "sgd", "--backend", "cpu", "--format", "json").Out).RootElement.GetProperty("results");
        var inferenceBatch = fit[0].GetProperty("batch").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var inference = JsonDocument.Parse(CliRun.Of("analyze", "seed", "--batch", inferenceBatch, "--backend", "cpu", "--format", "json").Out)
            .RootElement.GetProperty("memory").GetProperty("inference");
        Assert.Equal(fit[0].GetProperty("bytes_at_batch").GetInt64(), inference.GetProperty("total_bytes").GetInt64());
    }

    [Fact]
    public void Fit_AnalyzeCuda_AnalyzeShowsWhatTheAllocatorWouldReserveWithoutABudget()
    {
        // under a budget the allocator releases its cache and retries (and cuDNN does without a workspace it cannot have),
        // so fit's figure (reserved under the budget) is at most analyze's (reserved without one)
        var fit = JsonDocument.Parse(CliRun.Of("fit", "seed", "--memory", "2GB", "--optimizer", "sgd", "--format", "json").Out).RootElement.GetProperty("results");
        var inferenceBatch = fit[0].GetProperty("batch").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var device = JsonDocument.Parse(CliRun.Of("analyze", "seed", "--batch", inferenceBatch, "--format", "json").Out)
            .RootElement.GetProperty("memory").GetProperty("device");
        var atBatch = fit[0].GetProperty("bytes_at_batch").GetInt64();
        Assert.InRange(atBatch, 1, 2_000_000_000);
        Assert.True(atBatch <= device.GetProperty("inference_total_bytes").GetInt64());
    }

    [Fact]
    public void WouldNeed_ShowsDigitsPastTheBudget()
    {
        long budget = 16L << 30;
        Assert.Equal("16 GiB", ByteFormat.Bytes(budget + 1000, UnitSystem.Iec));
        var need = ByteFormat.BytesBeside(budget + 1000, budget, UnitSystem.Iec);
        Assert.NotEqual(ByteFormat.BytesBeside(budget, budget, UnitSystem.Iec), need);
        Assert.Equal("16.000001 GiB", need);
        Assert.Equal("17.181 GB", ByteFormat.BytesBeside(17_180_774_728, 17_179_869_184, UnitSystem.Si));
        var r = CliRun.Of("fit", "seed", "--memory", "16GiB", "--units", "iec", "--optimizer", "sgd");
        foreach (var line in r.Out.Split('\n').Where(l => l.Contains("would need", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain("would need 16 GiB", line);
            Assert.DoesNotContain("needs 16 GiB", line);
        }
    }
}
