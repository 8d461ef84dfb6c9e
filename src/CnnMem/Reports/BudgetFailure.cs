namespace CnnMem.Reports;

/// <summary>
/// Where a run under a budget stops (out of memory): the request the caching allocator could not meet even after it
/// released its cached segments, and its state then. Names the phase ("static tensors", "forward", "loss",
/// "backward", "optimizer step"), the layer whose step made the request, and the tensor when it is one of the graph's
/// (null for gradients, workspaces and other step tensors).
/// </summary>
public sealed record BudgetFailure
{
    /// <summary>The part of the run.</summary>
    public required string Phase { get; init; }

    /// <summary>The layer (node) whose step made the request; null for the static tensors and the optimizer step.</summary>
    public required string? Layer { get; init; }

    /// <summary>The tensor requested, when it is a graph tensor.</summary>
    public required string? Tensor { get; init; }

    /// <summary>The request, bytes.</summary>
    public required long RequestBytes { get; init; }

    /// <summary>What the allocator had reserved from the device then (the budget less this is what it could still take).</summary>
    public required long ReservedBytes { get; init; }

    /// <summary>What of that was in use.</summary>
    public required long AllocatedBytes { get; init; }

    /// <summary>The largest free block in its cache: smaller than the request.</summary>
    public required long LargestFreeBytes { get; init; }

    /// <summary>What the budget still let it reserve for a new segment (the budget less the context and what it reserved): less than the request's segment.</summary>
    public required long RoomBytes { get; init; }
}
