using System.Text.Json;
using CnnMem.Cli;

namespace CnnMem.Tests.Cli;

/// <summary>
/// An ONNX file's declared shapes, as 'cnnmem analyze' treats them: kept exactly without flags; --batch replaces a
/// static batch (and says so in a note); --dim sets a named dim, the batch symbol included; an unknown name is an error.
/// Uses three cases of the ONNX backend test data copied into the repo (TestData/onnx-suite, see its README), so it
/// runs with nothing but the .NET SDK installed.
/// </summary>
public class DeclaredBatchTests
{
    private static readonly string Data = Path.Combine(AppContext.BaseDirectory, "TestData", "onnx-suite");

    private static JsonElement Json(params string[] args)
    {
        var r = CliRun.Of(args);
        Assert.True(r.ExitCode == ExitCodes.Success, r.Error);
        return JsonDocument.Parse(r.Out).RootElement;
    }

    private static string Shape(JsonElement e, string list) =>
        string.Join("x", e.GetProperty(list)[0].GetProperty("shape").EnumerateArray().Select(d => d.GetRawText()));

    [Theory]
    [InlineData("node/test_abs", "3x4x5", "3x4x5")]
    [InlineData("pytorch-converted/test_Conv2d", "2x3x7x5", "2x4x5x4")]
    [InlineData("node/test_sce_mean_weight", "3x5", "scalar")]
    public void Analyze_NoFlags_KeepsDeclaredShapes(string dir, string input, string output)
    {
        var e = Json("analyze", $"{Data}/{dir}/model.onnx", "-f", "json");
        Assert.Equal(input, Shape(e, "inputs"));
        Assert.Equal(output, Shape(e, "outputs") is "" ? "scalar" : Shape(e, "outputs"));
        Assert.False(e.TryGetProperty("notes", out _), "no note when the declared batch is kept");
    }

    [Fact]
    public void Analyze_BatchOnStaticFile_RebindsAndNotes()
    {
        var e = Json("analyze", $"{Data}/node/test_abs/model.onnx", "--batch", "8", "-f", "json");
        Assert.Equal("8x4x5", Shape(e, "inputs"));
        Assert.Equal(8, e.GetProperty("batch").GetInt64());
        Assert.Equal("input 'x' declared batch 3, analysed at batch 8", Assert.Single(e.GetProperty("notes").EnumerateArray()).GetString());
        var table = CliRun.Of("analyze", $"{Data}/node/test_abs/model.onnx", "--batch", "8");
        Assert.Contains("input 'x' declared batch 3, analysed at batch 8", table.Out);
    }

    [Fact]
    public void Analyze_DimNamingTheBatchSymbol_SetsTheBatch()
    {
        var e = Json("analyze", $"{Data}/node/test_abs/model.onnx", "--dim", "N=6", "-f", "json");
        Assert.Equal("6x4x5", Shape(e, "inputs"));
        Assert.Equal(6, e.GetProperty("batch").GetInt64());
        var conflict = CliRun.Of("analyze", $"{Data}/node/test_abs/model.onnx", "--dim", "N=6", "--batch", "4");
        Assert.Equal(ExitCodes.UsageOrInput, conflict.ExitCode);
        Assert.Contains("--dim N=6 sets the batch", conflict.Error);
    }

    [Fact]
    public void Analyze_UnknownDimName_FailsListingTheNames()
    {
        var r = CliRun.Of("analyze", $"{Data}/node/test_abs/model.onnx", "--dim", "H=7");
        Assert.Equal(ExitCodes.UsageOrInput, r.ExitCode);
        Assert.Contains("no dimension named 'H'", r.Error);
        Assert.Contains("named dimensions are: N (the batch)", r.Error);
        Assert.False(r.HasStackTrace);
    }
}
