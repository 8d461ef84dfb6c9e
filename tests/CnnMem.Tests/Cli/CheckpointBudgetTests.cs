using System.Text.Json;

namespace CnnMem.Tests.Cli;

/// <summary>
/// <c>fit --checkpoint</c> on CUDA is decided by the caching allocator's replay of the checkpointed step (issue 19,
/// item 12), as without checkpointing (<see cref="BudgetStoryTests"/>): <c>analyze --device --checkpoint</c> at the
/// batch fit names shows the same bytes and fits; one more sample does not, needs the least budget it runs in, and
/// says where it runs out.
/// </summary>
public class CheckpointBudgetTests
{
    private static JsonElement Json(params string[] args)
    {
        var r = CliRun.Of([.. args, "--format", "json"]);
        Assert.True(r.ExitCode is 0 or 1, r.Error);
        return JsonDocument.Parse(r.Out).RootElement;
    }

    [Theory]
    [InlineData("resnet50", "rtx4090", "sgd", "sqrt")]
    [InlineData("vgg16", "v100-16gb", "adam", "every=4")]
    public void FitWithCheckpointing_IsTheReplays_AndAgreesWithAnalyze(string model, string device, string optimizer, string checkpoint)
    {
        var fit = Json("fit", model, "--device", device, "--optimizer", optimizer, "--checkpoint", checkpoint).GetProperty("results").EnumerateArray()
            .Single(x => x.GetProperty("mode").GetString()!.StartsWith("training", StringComparison.Ordinal));
        var batch = fit.GetProperty("batch").GetInt64();
        var budget = fit.GetProperty("budget").GetInt64();
        Assert.True(batch > 1, $"{model}: fit found batch {batch}");
        // the replay under the budget names the request that did not fit at the next batch (the plain model cannot)
        Assert.False(string.IsNullOrEmpty(fit.GetProperty("at_next_batch").GetProperty("failure").GetProperty("phase").GetString()));

        var at = Json("analyze", model, "--batch", $"{batch}", "--device", device, "--optimizer", optimizer, "--checkpoint", checkpoint).GetProperty("summary");
        Assert.True(at.GetProperty("fits_training").GetBoolean());
        Assert.Equal(fit.GetProperty("bytes_at_batch").GetInt64(), at.GetProperty("training_step_bytes").GetInt64());
        Assert.Equal(batch, at.GetProperty("max_training_batch").GetInt64());

        var past = Json("analyze", model, "--batch", $"{batch + 1}", "--device", device, "--optimizer", optimizer, "--checkpoint", checkpoint).GetProperty("summary");
        Assert.False(past.GetProperty("fits_training").GetBoolean());
        var need = past.GetProperty("training_step_bytes").GetInt64();
        Assert.Equal(fit.GetProperty("bytes_at_next_batch").GetInt64(), need);
        Assert.True(need > budget);
        Assert.True(need <= past.GetProperty("training_under_budget").GetProperty("unconstrained_bytes").GetInt64());

        // checkpointing lets a larger batch train than the plain step on the same device
        var plain = Json("fit", model, "--device", device, "--optimizer", optimizer).GetProperty("results").EnumerateArray()
            .Single(x => x.GetProperty("mode").GetString()!.StartsWith("training", StringComparison.Ordinal)).GetProperty("batch").GetInt64();
        Assert.True(batch > plain, $"{model}: checkpointed {batch} vs plain {plain}");
    }
}
