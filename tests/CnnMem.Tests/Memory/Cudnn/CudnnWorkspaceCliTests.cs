using System.Text.Json;
using CnnMem.Tests.Cli;

namespace CnnMem.Tests.Memory.Cudnn;

/// <summary>The table reaching the model through <c>--cudnn-table</c>, the keys it is looked up by, and the fallback report.</summary>
public sealed class CudnnWorkspaceCliTests : IDisposable
{
    // 56x56x64, a 3x3 convolution (tensor-core rule: input + output = 2 x 802,816 bytes at batch 1), a depthwise one (rule: 0)
    private const string Spec = "input 56x56x64\nconv 64 3x3 pad=1\nconv 64 3x3 pad=1 groups=64\n";

    private readonly string folder = Directory.CreateTempSubdirectory("cnnmem-cudnn-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private JsonElement Cudnn(params string[] extra)
    {
        var r = CliRun.Of(["analyze", Write("net.cnn", Spec), "--backend", "cuda", "--batch", "1", "--optimizer", "sgd", "--format", "json", .. extra]);
        Assert.True(r.ExitCode == 0, r.Error);
        return JsonDocument.Parse(r.Out).RootElement.GetProperty("memory").GetProperty("cudnn_workspaces").Clone();
    }

    private static JsonElement Call(JsonElement cudnn, int conv, string direction) =>
        cudnn.GetProperty("convolutions")[conv].GetProperty("calls").EnumerateArray().Single(c => c.GetProperty("direction").GetString() == direction);

    [Fact]
    public void BuiltinTable_Empty_EveryCallUsesTheRule_AndTheReportSaysSo()
    {
        var c = Cudnn();
        // 5 calls: both forwards, both backward-filter calls, the depthwise one's backward-data call (the first
        // convolution's input, the image, needs no gradient: PyTorch makes no backward-data call for it)
        Assert.Equal(("sm_90", 0, 5, 0), (c.GetProperty("arch").GetString(), c.GetProperty("table_entries").GetInt32(), c.GetProperty("lookups").GetInt32(), c.GetProperty("from_table").GetInt32()));
        Assert.Equal(2, c.GetProperty("fallback_layers").GetArrayLength());
        Assert.Equal(2 * 802_816, Call(c, 0, "forward").GetProperty("workspace_bytes").GetInt64());
        Assert.Equal(0, Call(c, 1, "forward").GetProperty("workspace_bytes").GetInt64());
        var first = c.GetProperty("convolutions")[0];
        Assert.Equal(("3x3", "1x1", 1L, 64L, 56L), (first.GetProperty("kernel").GetString(), first.GetProperty("stride").GetString(), first.GetProperty("groups").GetInt64(), first.GetProperty("in_channels").GetInt64(), first.GetProperty("output_spatial")[0].GetInt64()));
        Assert.Equal(64, c.GetProperty("convolutions")[1].GetProperty("groups").GetInt64());
    }

    [Fact]
    public void Table_GivesTheCallsItHas_AndTheRestFallBack()
    {
        var table = Write("t.json", CudnnWorkspaceTableTests.Table(
            CudnnWorkspaceTableTests.Entry(1, 56, 56, 123_456),
            CudnnWorkspaceTableTests.Entry(1, 56, 56, 777, "backward_filter")));
        var c = Cudnn("--cudnn-table", table);
        Assert.Equal((2, 2), (c.GetProperty("table_entries").GetInt32(), c.GetProperty("from_table").GetInt32()));
        Assert.Equal((123_456L, true), (Call(c, 0, "forward").GetProperty("workspace_bytes").GetInt64(), Call(c, 0, "forward").GetProperty("from_table").GetBoolean()));
        Assert.Equal(777, Call(c, 0, "backward_filter").GetProperty("workspace_bytes").GetInt64());
        Assert.DoesNotContain(c.GetProperty("convolutions")[0].GetProperty("calls").EnumerateArray(), k => k.GetProperty("direction").GetString() == "backward_data");
        // the first convolution makes no backward-data call (its input needs no gradient), so every call it makes is
        // the table's; the depthwise one falls back for everything
        Assert.Equal("c2", c.GetProperty("fallback_layers").EnumerateArray().Single().GetString()?.ToLowerInvariant());
    }

    [Fact]
    public void Table_ChangesTheModelsFigures()
    {
        var table = Write("t.json", CudnnWorkspaceTableTests.Table(CudnnWorkspaceTableTests.Entry(1, 56, 56, 50_000_000)));
        long Peak(params string[] extra)
        {
            var r = CliRun.Of(["analyze", Write("net.cnn", Spec), "--backend", "cuda", "--batch", "1", "--format", "json", .. extra]);
            return JsonDocument.Parse(r.Out).RootElement.GetProperty("memory").GetProperty("inference").GetProperty("activation_peak_bytes").GetInt64();
        }
        Assert.True(Peak("--cudnn-table", table) >= Peak() + 50_000_000 - (2 * 802_816), "the table's 50 MB forward workspace must raise the inference peak");
    }

    [Theory]
    [InlineData("--cudnn-benchmark")]
    [InlineData("--channels-last")]
    [InlineData("--cudnn-arch", "sm_80")]
    public void Settings_AreKeys_SoAForwardRowOfTheDefaultsNoLongerApplies(params string[] option)
    {
        var table = Write("t.json", CudnnWorkspaceTableTests.Table(CudnnWorkspaceTableTests.Entry(1, 56, 56, 123_456)));
        Assert.Equal(1, Cudnn("--cudnn-table", table).GetProperty("from_table").GetInt32());
        var c = Cudnn(["--cudnn-table", table, .. option]);
        Assert.Equal(0, c.GetProperty("from_table").GetInt32());
        Assert.Equal(option[0] == "--cudnn-benchmark", c.GetProperty("benchmark").GetBoolean());
        Assert.Equal(option[0] == "--channels-last", c.GetProperty("channels_last").GetBoolean());
    }

    [Theory]
    [InlineData("--cudnn-benchmark")]
    [InlineData("--channels-last")]
    public void CudaOptions_OnTheCpuBackend_AreAnError(string option)
    {
        var r = CliRun.Of("analyze", Write("net.cnn", Spec), "--backend", "cpu", option);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"{option} applies to --backend cuda", r.Error, StringComparison.Ordinal);
        Assert.False(r.HasStackTrace);
    }

    [Theory]
    [InlineData("--cudnn-arch", "hopper", "--cudnn-arch expects sm_")]
    [InlineData("--cudnn-table", "/nonexistent/t.json", "--cudnn-table: cannot read '/nonexistent/t.json'")]
    public void BadValues_AreClearErrors(string option, string value, string message)
    {
        var r = CliRun.Of("analyze", Write("net.cnn", Spec), "--backend", "cuda", option, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Error, StringComparison.Ordinal);
        Assert.False(r.HasStackTrace);
    }

    [Fact]
    public void ABadTableEntry_NamesTheFileAndTheEntry()
    {
        var table = Write("t.json", CudnnWorkspaceTableTests.Table(CudnnWorkspaceTableTests.Entry(1, 56, 56, -1)));
        var r = CliRun.Of("analyze", Write("net.cnn", Spec), "--backend", "cuda", "--cudnn-table", table);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"{table}: entry 0: \"workspace_bytes\" must not be negative", r.Error, StringComparison.Ordinal);
    }
}
