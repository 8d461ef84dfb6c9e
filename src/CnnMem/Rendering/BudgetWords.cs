using CnnMem.Reports;

namespace CnnMem.Rendering;

/// <summary>
/// The run under a budget in words (<see cref="BudgetRun"/>): why a batch that fits takes less than when the memory is
/// there, and where the next batch runs out, which explains the jump at the limit. Only formats.
/// </summary>
internal static class BudgetWords
{
    public static IEnumerable<string> Lines(BudgetRun? at, BudgetRun? next, long batch, UnitSystem units)
    {
        string B(long b) => ByteFormat.Bytes(b, units);
        if (at is { Fits: true } a && a.Bytes < a.UnconstrainedBytes)
        {
            yield return $"under the budget batch {ByteFormat.Count(batch)} runs in {B(a.Bytes)}, where PyTorch takes {B(a.UnconstrainedBytes)} when the memory is there " +
                $"(unconstrained): {Why(a, units)}";
        }
        if (next is { Fits: false, Failure: { } f })
        {
            yield return $"batch {ByteFormat.Count(batch + 1)} {Failure(f, units)}; it runs in {B(next.Bytes)} or more ({B(next.UnconstrainedBytes)} unconstrained)";
        }
    }

    /// <summary>Where a run under the budget stops, as a clause after "batch N".</summary>
    public static string Failure(BudgetFailure f, UnitSystem units)
    {
        string B(long b) => ByteFormat.Bytes(b, units);
        if (f.RequestBytes == 0)
        {
            return f.Phase == "static tensors"
                ? "does not fit: its static tensors (weights, buffers, input, library workspaces) pass the budget"
                : $"does not fit: the {f.Phase} alone passes the budget";
        }
        var where = f.Layer is { } l ? $"{f.Phase} at {l}" : f.Phase;
        var what = f.Tensor is { } t && f.Layer is { } layer && t.StartsWith(layer, StringComparison.Ordinal) ? " (its output)"
            : f.Tensor is { } t2 ? $" (for {t2})" : "";
        return $"runs out of memory in the {where}: it asks for {ByteFormat.BytesBeside(f.RequestBytes, f.RoomBytes, units)}{what} when the allocator has {B(f.ReservedBytes)} reserved, " +
            $"{B(f.AllocatedBytes)} of it in use, no free block larger than {B(f.LargestFreeBytes)} even after releasing its cache, and room for only {ByteFormat.BytesBeside(f.RoomBytes, f.RequestBytes, units)} more (a new segment is at least the request, rounded up)";
    }

    /// <summary>Why a run under the budget takes less than unconstrained: the cache released, workspaces done without.</summary>
    public static string Why(BudgetRun r, UnitSystem units) =>
        "the caching allocator releases its cached blocks and retries before it fails" + (r.SkippedWorkspaces == 0 ? "" :
            $", and cuDNN does without {ByteFormat.Count(r.SkippedWorkspaces)} workspace request{(r.SkippedWorkspaces == 1 ? "" : "s")} " +
            $"({ByteFormat.Bytes(r.SkippedWorkspaceBytes, units)} in all), falling back to algorithms that need less");
}
