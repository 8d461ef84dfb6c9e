namespace CnnMem.Memory.Trace;

/// <summary>
/// The request a replay under a budget could not meet (out of memory): its tensor id and bytes, the trace step that
/// made it, and the allocator's state then: what it had reserved, what of that was allocated, and the largest free
/// block it held (after releasing its cached segments), which was too small.
/// </summary>
internal sealed record TraceFailure(int Id, long Bytes, int Step, long Reserved, long Allocated, long LargestFree);
