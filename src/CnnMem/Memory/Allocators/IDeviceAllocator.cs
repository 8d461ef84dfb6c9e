namespace CnnMem.Memory.Allocators;

/// <summary>
/// An allocator a memory trace is replayed on: it hands out blocks for tensors by id and says how many bytes are
/// allocated (what <c>memory_allocated()</c> counts) and reserved from the device (<c>memory_reserved()</c>).
/// </summary>
internal interface IDeviceAllocator
{
    /// <summary>Bytes held by live tensors' blocks.</summary>
    long Allocated { get; }

    /// <summary>Bytes taken from the device (segments), live or cached.</summary>
    long Reserved { get; }

    /// <summary>The largest free block held in the cache (the largest request it could serve without a new segment).</summary>
    long LargestFree { get; }

    /// <summary>Allocates <paramref name="bytes"/> for tensor <paramref name="id"/>; false when the device (or the budget) has no room even after freeing the cache.</summary>
    bool TryMalloc(int id, long bytes);

    /// <summary>Frees tensor <paramref name="id"/>'s block (nothing when it has none).</summary>
    void Free(int id);

    /// <summary>Returns cached, unused segments to the device (<c>torch.cuda.empty_cache()</c>).</summary>
    void EmptyCache();
}
