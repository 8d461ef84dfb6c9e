using System.Text.Json;
using CnnMem.Cli;
using CnnMem.Tests.Onnx;
using CnnMem.Memory.Profiles;

namespace CnnMem.Tests.Cli;

public class FitCommandTests
{
    private static readonly string ResNet50 = ImportTestModels.OracleModel("resnet50.onnx");

    [Fact]
    public void Fit_ResNet50OnV100_AnswersBatchAndHeadroom()
    {
        var r = CliRun.Of("fit", ResNet50, "--device", "v100-16gb", "--optimizer", "sgd");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("inference: batch ", r.Out, StringComparison.Ordinal);
        Assert.Contains("training (sgd", r.Out, StringComparison.Ordinal);
        Assert.Contains("headroom", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_Json_BatchFitsAndNextDoesNot()
    {
        var r = CliRun.Of("fit", ResNet50, "--memory", "8GiB", "--optimizer", "adam", "--format", "json");
        Assert.True(r.ExitCode == 0, r.Error);
        var doc = JsonDocument.Parse(r.Out).RootElement;
        var budget = doc.GetProperty("budget_bytes").GetInt64();
        Assert.Equal(8L << 30, budget);
        var results = doc.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(2, results.Count);
        foreach (var x in results)
        {
            Assert.True(x.GetProperty("batch").GetInt64() >= 1);
            var at = x.GetProperty("bytes_at_batch").GetInt64();
            Assert.True(at <= budget);
            Assert.True(x.GetProperty("bytes_at_next_batch").GetInt64() > budget);
            Assert.Equal(budget - at, x.GetProperty("headroom_bytes").GetInt64());
        }
    }

    [Fact]
    public void Fit_Checkpointing_FitsAtLeastAsLargeATrainingBatch()
    {
        static long TrainingBatch(params string[] extra)
        {
            var r = CliRun.Of(["fit", "vgg16", "--memory", "4GB", "--optimizer", "sgd", "--format", "json", .. extra]);
            Assert.True(r.ExitCode == 0, r.Error);
            return JsonDocument.Parse(r.Out).RootElement.GetProperty("results").EnumerateArray()
                .Single(x => x.GetProperty("mode").GetString()!.StartsWith("training", StringComparison.Ordinal)).GetProperty("batch").GetInt64();
        }
        var plain = TrainingBatch();
        var checkpointed = TrainingBatch("--checkpoint", "sqrt");
        Assert.True(checkpointed > plain, $"checkpointed {checkpointed} vs plain {plain}");
    }

    [Fact]
    public void Fit_TinyBudget_SaysItDoesNotFit_ExitsOne()
    {
        var r = CliRun.Of("fit", "seed", "--memory", "1kB");
        Assert.Equal(ExitCodes.AnalysisProblem, r.ExitCode);
        Assert.Contains("does not fit even at batch 1", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_HelpAndListDevices_NameTheDevices()
    {
        var help = CliRun.Of("fit", "--help");
        var list = CliRun.Of("fit", "--list-devices");
        Assert.Equal(0, list.ExitCode);
        foreach (var name in DeviceTable.Devices.Keys)
        {
            Assert.Contains(name, help.Out, StringComparison.Ordinal);
            Assert.Contains(name, list.Out, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("fit", "seed")]
    [InlineData("fit", "seed", "--memory", "1GB", "--device", "t4")]
    [InlineData("fit", "seed", "--device", "tpu-v9")]
    [InlineData("fit", "seed", "--memory", "lots")]
    [InlineData("fit", "seed", "--memory", "1GB", "--optimizer", "lion")]
    [InlineData("fit", "--device", "t4")]
    public void Fit_BadUsage_ExitsTwo(params string[] args)
    {
        var r = CliRun.Of(args);
        Assert.Equal(ExitCodes.UsageOrInput, r.ExitCode);
        Assert.NotEqual("", r.Error.Trim());
        Assert.False(r.HasStackTrace);
    }
}
