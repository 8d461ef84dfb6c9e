using System.Collections.Immutable;
using CnnMem.Reports;

namespace CnnMem.Rendering;

/// <summary>The text report's cuDNN section: the table, the settings it was keyed by, and the layers on the fallback rule.</summary>
internal static class CudnnSummary
{
    /// <summary>Layer names listed before "and N more".</summary>
    private const int Listed = 8;

    public static SummarySection Section(CudnnWorkspaceReport r)
    {
        var fallback = r.FallbackLayers;
        var names = string.Join(", ", fallback.Take(Listed)) + (fallback.Length > Listed ? $" and {ByteFormat.Count(fallback.Length - Listed)} more" : "");
        var lines = ImmutableArray.CreateBuilder<SummaryLine>();
        lines.Add(new("Table", $"{r.Table}{(r.DryRunTable ? " (dry run: placeholder figures)" : "")}, {ByteFormat.Count(r.TableEntries)} rows for {r.Arch}"));
        lines.Add(new("Keyed by", $"{r.Arch}, benchmark {(r.Benchmark ? "on" : "off")}, {(r.ChannelsLast ? "channels-last" : "NCHW")}"));
        lines.Add(new("Calls from the table", $"{ByteFormat.Count(r.FromTable)} of {ByteFormat.Count(r.Lookups)}"));
        lines.Add(new("Convolutions on the fallback rule", fallback.IsEmpty ? "none" : $"{ByteFormat.Count(fallback.Length)} of {ByteFormat.Count(r.Convolutions.Length)}: {names}"));
        return new SummarySection("cuDNN workspaces", lines.ToImmutable())
        {
            Note = "Each convolution call's workspace: the measured table where it has the configuration, else the rule (input and output copies in NHWC for tensor-core kernels; none for grouped convolutions or channels not a multiple of 8). JSON: memory.cudnn_workspaces.",
        };
    }
}
