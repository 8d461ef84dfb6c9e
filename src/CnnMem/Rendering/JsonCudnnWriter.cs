using System.Text.Json;
using CnnMem.Reports;

namespace CnnMem.Rendering;

/// <summary>
/// Writes <see cref="CudnnWorkspaceReport"/> as <c>memory.cudnn_workspaces</c>: the settings and table, every convolution
/// with its key and calls (<c>from_table</c> false: the fallback rule), the counts and the layers on the fallback rule (what <c>scripts/gpu_kit.py</c> measures).
/// </summary>
internal static class JsonCudnnWriter
{
    public static void Write(Utf8JsonWriter json, CudnnWorkspaceReport r)
    {
        json.WriteStartObject();
        JsonFields.String(json, "arch"u8, r.Arch);
        json.WriteBoolean("benchmark"u8, r.Benchmark);
        json.WriteBoolean("channels_last"u8, r.ChannelsLast);
        JsonFields.String(json, "table"u8, r.Table);
        json.WriteNumber("table_entries"u8, r.TableEntries);
        json.WriteStartArray("convolutions"u8);
        foreach (var c in r.Convolutions)
        {
            Write(json, c);
        }
        json.WriteEndArray();
        json.WriteBoolean("dry_run_table"u8, r.DryRunTable);
        json.WriteNumber("lookups"u8, r.Lookups);
        json.WriteNumber("from_table"u8, r.FromTable);
        json.WriteStartArray("fallback_layers"u8);
        foreach (var layer in r.FallbackLayers)
        {
            json.WriteStringValue(layer);
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter json, CudnnConvolutionUse c)
    {
        json.WriteStartObject();
        JsonFields.String(json, "layer"u8, c.Layer);
        JsonFields.String(json, "kernel"u8, c.Kernel);
        JsonFields.String(json, "stride"u8, c.Stride);
        JsonFields.String(json, "dilation"u8, c.Dilation);
        json.WriteNumber("groups"u8, c.Groups);
        json.WriteNumber("in_channels"u8, c.InChannels);
        json.WriteNumber("out_channels"u8, c.OutChannels);
        json.WriteNumber("batch"u8, c.Batch);
        JsonFields.Numbers(json, "spatial"u8, c.Spatial);
        JsonFields.Numbers(json, "output_spatial"u8, c.OutputSpatial);
        JsonFields.String(json, "dtype"u8, c.Dtype);
        JsonFields.String(json, "layout"u8, c.Layout);
        json.WriteStartArray("calls"u8);
        foreach (var k in c.Calls)
        {
            json.WriteStartObject();
            JsonFields.String(json, "direction"u8, k.Direction);
            json.WriteNumber("workspace_bytes"u8, k.WorkspaceBytes);
            json.WriteBoolean("from_table"u8, k.FromTable);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
