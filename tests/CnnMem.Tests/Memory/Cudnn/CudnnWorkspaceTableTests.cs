using CnnMem.Memory.Cudnn;

namespace CnnMem.Tests.Memory.Cudnn;

/// <summary>The table's format, buckets and lookup, on hand-made tables (test data: no figure here is a measurement).</summary>
public class CudnnWorkspaceTableTests
{
    /// <summary>A table file as scripts/gpu_kit_cudnn.py writes it, with the given entries.</summary>
    internal static string Table(params string[] entries) =>
        $$"""{"format": "cnnmem-cudnn-workspaces", "version": 1, "dry_run": false, "sources": [], "entries": [{{string.Join(",", entries)}}]}""";

    internal static string Entry(long batch, long h, long w, long bytes, string direction = "forward", string arch = "sm_90", bool benchmark = false, long groups = 1, long channels = 64) =>
        $$"""{"arch": "{{arch}}", "direction": "{{direction}}", "benchmark": {{(benchmark ? "true" : "false")}}, "dtype": "float32", "layout": "nchw", "kernel": [3, 3], "stride": [1, 1], "dilation": [1, 1], "groups": {{groups}}, "in_channels": {{channels}}, "out_channels": {{channels}}, "batch": {{batch}}, "spatial": [{{h}}, {{w}}], "padding": [1, 1], "workspace_bytes": {{bytes}}}""";

    private static CudnnConvKey Key(long batch, long h, long w, string arch = "sm_90", ConvDirection d = ConvDirection.Forward, bool benchmark = false) =>
        new(arch, d, benchmark, "float32", "nchw", "3x3", "1x1", "1x1", 1, 64, 64, CudnnBuckets.Of(batch), CudnnBuckets.Of(h * w));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(8, 8)]
    [InlineData(9, 16)]
    [InlineData(32, 32)]
    [InlineData(1668, 2048)]
    [InlineData(3136, 4096)] // 56 x 56
    public void Bucket_IsTheNextPowerOfTwo(long value, long bucket) => Assert.Equal(bucket, CudnnBuckets.Of(value));

    [Fact]
    public void Bucket_OfZero_IsAnError() => Assert.Throws<ArgumentOutOfRangeException>(() => CudnnBuckets.Of(0));

    [Fact]
    public void Lookup_AtTheMeasuredSize_GivesTheMeasuredBytes()
    {
        var t = CudnnWorkspaceTable.Parse(Table(Entry(32, 56, 56, 1_000_000)), "t.json");
        Assert.Equal(1_000_000, t.Lookup(Key(32, 56, 56), 32, 56 * 56));
    }

    [Fact]
    public void Lookup_InTheSameBucket_ScalesTheLargestRateAndRoundsUp()
    {
        // bucket 32 holds batches 17..32: rows at 20 (100 bytes per batch) and 32 (90 bytes per batch)
        var t = CudnnWorkspaceTable.Parse(Table(Entry(20, 56, 56, 2_000), Entry(32, 56, 56, 2_880)), "t.json");
        Assert.Equal(2_500, t.Lookup(Key(25, 56, 56), 25, 56 * 56));
        // 17 x 100 = 1,700; a rate of 2,000 / 20 over 17 batches of 3,136 elements is exact; 2,880 / 32 x 17 = 1,530
        Assert.Equal(1_700, t.Lookup(Key(17, 56, 56), 17, 56 * 56));
        var odd = CudnnWorkspaceTable.Parse(Table(Entry(3, 56, 56, 10)), "t.json");
        Assert.Equal(14, odd.Lookup(Key(4, 56, 56), 4, 56 * 56)); // 10 x 4 / 3 = 13.3, rounded up
    }

    [Theory]
    [InlineData(64, 56, 56, "sm_90", false)] // another batch bucket
    [InlineData(32, 28, 28, "sm_90", false)] // another spatial bucket
    [InlineData(32, 56, 56, "sm_80", false)] // another architecture
    [InlineData(32, 56, 56, "sm_90", true)] // benchmark on
    public void Lookup_WithoutARowOfTheKey_IsNull(long batch, long h, long w, string arch, bool benchmark)
    {
        var t = CudnnWorkspaceTable.Parse(Table(Entry(32, 56, 56, 1_000_000)), "t.json");
        Assert.Null(t.Lookup(Key(batch, h, w, arch, benchmark: benchmark), batch, h * w));
    }

    [Fact]
    public void Lookup_KeepsTheDirectionsApart()
    {
        var t = CudnnWorkspaceTable.Parse(Table(Entry(8, 56, 56, 5, "backward_filter")), "t.json");
        Assert.Null(t.Lookup(Key(8, 56, 56), 8, 56 * 56));
        Assert.Equal(5, t.Lookup(Key(8, 56, 56, d: ConvDirection.BackwardFilter), 8, 56 * 56));
    }

    [Theory]
    [InlineData("{\"entries\": []}", "not a cuDNN workspace table")]
    [InlineData("{\"format\": \"cnnmem-cudnn-workspaces\"}", "no \"entries\" array")]
    [InlineData("{not json", "JSON error at line 1")]
    public void Parse_ABadFile_NamesTheFile(string json, string message)
    {
        var e = Assert.Throws<CnnMemException>(() => CudnnWorkspaceTable.Parse(json, "my/table.json"));
        Assert.StartsWith("my/table.json: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"direction\": \"forward\"", "\"direction\": \"sideways\"", "entry 1: \"direction\" must be forward, backward_data or backward_filter")]
    [InlineData("\"spatial\": [56, 56]", "\"spatial\": [56]", "entry 1: \"kernel\", \"stride\", \"dilation\" and \"spatial\" need one size per spatial axis")]
    [InlineData("\"workspace_bytes\": 7", "\"workspace_bytes\": -7", "entry 1: \"workspace_bytes\" must not be negative")]
    [InlineData("\"dtype\": \"float32\"", "\"dtype\": \"int8\"", "entry 1: \"dtype\" is 'int8'; expected one of: float32, float16, bfloat16")]
    [InlineData("\"batch\": 8, ", "", "entry 1: missing \"batch\"")]
    public void Parse_ABadEntry_NamesTheEntryAndTheField(string good, string bad, string message)
    {
        var e = Assert.Throws<CnnMemException>(() => CudnnWorkspaceTable.Parse(Table(Entry(8, 56, 56, 7), Entry(8, 56, 56, 7).Replace(good, bad, StringComparison.Ordinal)), "t.json"));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Builtin_Parses_AndHoldsNoDryRunFigures()
    {
        var t = CudnnWorkspaceTable.Builtin;
        Assert.Equal("built-in", t.Source);
        Assert.False(t.DryRun);
    }
}
