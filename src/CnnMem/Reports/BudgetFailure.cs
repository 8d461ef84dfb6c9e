namespace CnnMem.Reports;

/// <summary>
/// Where a run under a budget stops (out of memory): the request the caching allocator could not meet even after it
/// released its cached segments, and its state then. Names the phase ("static tensors", "forward", "loss",
/// "backward", "optimizer step"), the layer whose step made the request, and the tensor when it is one of the graph's
/// (null for gradients, workspaces and other step tensors).
/// </summary>
/// <param name="Phase">The part of the run.</param>
/// <param name="Layer">The layer (node) whose step made the request; null for the static tensors and the optimizer step.</param>
/// <param name="Tensor">The tensor requested, when it is a graph tensor.</param>
/// <param name="RequestBytes">The request, bytes.</param>
/// <param name="ReservedBytes">What the allocator had reserved from the device then (the budget less this is what it could still take).</param>
/// <param name="AllocatedBytes">What of that was in use.</param>
/// <param name="LargestFreeBytes">The largest free block in its cache: smaller than the request.</param>
/// <param name="RoomBytes">What the budget still let it reserve for a new segment (the budget less the context and what it reserved): less than the request's segment.</param>
public sealed record BudgetFailure(string Phase, string? Layer, string? Tensor, long RequestBytes, long ReservedBytes, long AllocatedBytes, long LargestFreeBytes, long RoomBytes);
