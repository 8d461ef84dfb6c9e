using CnnMem.Memory.Trace;
using CnnMem.Reports;
using CnnMem.Memory.Storages;

namespace CnnMem.Memory.Cuda;

/// <summary>
/// Names the request a replay under a budget could not meet, from the trace's step numbering (<see cref="StepTraceBuilder"/>):
/// forward steps 0..n-1, the loss at n, node i's backward at 2n - i, the optimizer step at 2n + 1, node j's re-run
/// forward (activation checkpointing) at 2n + 2 + j; a request for the
/// static tensors that did not fit is written before any step (<see cref="CudaReplay"/>: <see cref="StaticRequest"/> bytes).
/// </summary>
internal static class FailureSite
{
    /// <summary>The stand-in request a replay makes when the static tensors themselves do not fit.</summary>
    public const long StaticRequest = long.MaxValue / 4;

    public static BudgetFailure? Of(TraceFailure? failure, StorageGraph g, bool training, long limit)
    {
        if (failure is not { } f)
        {
            return null;
        }
        if (f.Bytes == StaticRequest)
        {
            return Failure("static tensors", null, null, 0, f, limit);
        }
        var n = g.Nodes.Length;
        var tensor = f.Id >= 0 && f.Id < g.Storages.Length ? g.Storages[f.Id].Name : null;
        var (phase, node) = f.Step switch
        {
            var s when s < n => ("forward", s),
            var s when training && s == n => ("loss", -1),
            var s when training && s <= 2 * n => ("backward", (2 * n) - s),
            var s when training && s > (2 * n) + 1 => ("recomputation", s - (2 * n) - 2),
            _ => ("optimizer step", -1),
        };
        return Failure(phase, node >= 0 ? g.Nodes[node].Name : null, tensor, f.Bytes, f, limit);
    }

    private static BudgetFailure Failure(string phase, string? layer, string? tensor, long request, TraceFailure f, long limit) => new()
    {
        Phase = phase,
        Layer = layer,
        Tensor = tensor,
        RequestBytes = request,
        ReservedBytes = f.Reserved,
        AllocatedBytes = f.Allocated,
        LargestFreeBytes = f.LargestFree,
        RoomBytes = Math.Max(0, limit - f.Reserved),
    };
}
