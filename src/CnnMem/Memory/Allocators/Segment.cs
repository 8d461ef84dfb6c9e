namespace CnnMem.Memory.Allocators;

/// <summary>One device allocation (cudaMalloc) of the caching allocator, carved into blocks.</summary>
internal sealed class Segment(long size, bool small, long serial)
{
    internal long Size { get; set; } = size;

    internal bool Small { get; } = small;

    /// <summary>Creation order: the allocator's address order for blocks of the same size.</summary>
    internal long Serial { get; } = serial;

    internal Block? Head { get; set; }
}
