namespace CnnMem.Memory.Profiles;

/// <summary>
/// The CUDA caching allocator's constants (c10/cuda/CUDACachingAllocator.cpp, unchanged from 1.13 to 2.x):
/// requests round up to <see cref="MinBlock"/>; requests up to <see cref="SmallSize"/> come from the small pool's
/// <see cref="SmallBuffer"/> segments; larger ones below <see cref="MinLargeAlloc"/> from <see cref="LargeBuffer"/>
/// segments; from <see cref="MinLargeAlloc"/> up, a segment of their own rounded up to <see cref="RoundLarge"/>.
/// A free block is split when what remains is at least <see cref="MinBlock"/> (small pool) or more than
/// <see cref="SmallSize"/> (large pool); otherwise the whole block is handed out (and counted as allocated).
/// </summary>
internal sealed record AllocatorProfile
{
    public long MinBlock { get; init; } = 512;

    public long SmallSize { get; init; } = 1L << 20;

    public long SmallBuffer { get; init; } = 2L << 20;

    public long LargeBuffer { get; init; } = 20L << 20;

    public long MinLargeAlloc { get; init; } = 10L << 20;

    public long RoundLarge { get; init; } = 2L << 20;

    /// <summary>With <c>expandable_segments:True</c> the large pool maps pages of this size into one growing segment per stream.</summary>
    public long ExpandablePage { get; init; } = 20L << 20;
}
