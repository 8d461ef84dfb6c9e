using System.Text.Json;
using CnnMem.Reports;

namespace CnnMem.Rendering;

/// <summary>Writes a <see cref="BudgetRun"/> under a name (nothing when null), with the names fit's JSON gives it.</summary>
internal static class JsonBudgetWriter
{
    public static void Write(Utf8JsonWriter json, ReadOnlySpan<byte> name, BudgetRun? r)
    {
        if (r is null)
        {
            return;
        }
        json.WriteStartObject(name);
        json.WriteBoolean("fits"u8, r.Fits);
        json.WriteNumber("bytes"u8, r.Bytes);
        json.WriteNumber("unconstrained_bytes"u8, r.UnconstrainedBytes);
        json.WriteNumber("skipped_workspaces"u8, r.SkippedWorkspaces);
        json.WriteNumber("skipped_workspace_bytes"u8, r.SkippedWorkspaceBytes);
        if (r.Failure is { } f)
        {
            json.WriteStartObject("failure"u8);
            json.WriteString("phase"u8, f.Phase);
            JsonFields.String(json, "layer"u8, f.Layer);
            JsonFields.String(json, "tensor"u8, f.Tensor);
            json.WriteNumber("request_bytes"u8, f.RequestBytes);
            json.WriteNumber("reserved_bytes"u8, f.ReservedBytes);
            json.WriteNumber("allocated_bytes"u8, f.AllocatedBytes);
            json.WriteNumber("largest_free_bytes"u8, f.LargestFreeBytes);
            json.WriteNumber("room_bytes"u8, f.RoomBytes);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }
}
