using System.Text.Json;
using CnnMem.Tests.Cli;
using CnnMem.Zoo;

namespace CnnMem.Tests.Zoo;

/// <summary>The zoo on the command line: <c>cnnmem zoo</c>, zoo names in analyze and fit, and <c>--input HxW</c>.</summary>
public class ZooCliTests
{
    [Fact]
    public void Zoo_Json_ListsEveryNetworkWithTorchvisionParams()
    {
        var r = CliRun.Of("zoo", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var rows = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(ZooModels.Entries.Length, rows.Count);
        foreach (var row in rows)
        {
            var name = row.GetProperty("name").GetString()!;
            Assert.Equal(TorchvisionParams.Counts[name], row.GetProperty("params").GetInt64());
            Assert.False(string.IsNullOrEmpty(row.GetProperty("family").GetString()));
            var size = name == "inception_v3" ? 299 : 224;
            Assert.Equal([3L, size, size], row.GetProperty("input_shape").EnumerateArray().Select(e => e.GetInt64()).ToArray());
        }
        Assert.Contains("aux_logits=True", rows.Single(x => x.GetProperty("name").GetString() == "googlenet").GetProperty("note").GetString());
    }

    [Fact]
    public void Zoo_Table_NamesTheNetworks()
    {
        var r = CliRun.Of("zoo");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("resnet50", r.Out);
        Assert.Contains("25,557,032", r.Out);
    }

    [Theory]
    [InlineData("resnet18", null, "1x512x7x7")]
    [InlineData("resnet18", "160x128", "1x512x5x4")]
    [InlineData("resnet18", "320", "1x512x10x10")]
    public void Analyze_ZooName_WithInput_SetsTheSpatialSize(string name, string? input, string lastMap)
    {
        string[] args = input is null ? ["analyze", name, "-b", "1", "-f", "csv"] : ["analyze", name, "-b", "1", "-f", "csv", "--input", input];
        var r = CliRun.Of(args);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains($"/layer4/layer4.1/relu_1/Relu,Relu,{lastMap},", r.Out);
    }

    [Theory]
    [InlineData("seed", "64x64", "is not one")]
    [InlineData("vit_b_16", "320x320", "takes only 224x224")]
    [InlineData("resnet18", "0x10", "--input expects")]
    [InlineData("resnet18", "big", "--input expects")]
    public void Analyze_BadInput_IsAUsageError(string name, string input, string message)
    {
        var r = CliRun.Of("analyze", name, "--input", input);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Error);
        Assert.False(r.HasStackTrace);
    }

    [Fact]
    public void Fit_ZooName_WithInput_Fits()
    {
        var small = CliRun.Of("fit", "resnet18", "--memory", "8GB", "--format", "json", "--input", "112x112");
        var large = CliRun.Of("fit", "resnet18", "--memory", "8GB", "--format", "json");
        Assert.Equal(0, small.ExitCode);
        Assert.Equal(0, large.ExitCode);
        long Batch(string json) => JsonDocument.Parse(json).RootElement.GetProperty("results")[0].GetProperty("batch").GetInt64();
        Assert.True(Batch(small.Out) > 3 * Batch(large.Out));
    }
}
