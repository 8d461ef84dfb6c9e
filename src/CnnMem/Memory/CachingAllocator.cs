namespace CnnMem.Memory;

/// <summary>
/// The CUDA caching allocator's rounding of one request (PyTorch 1.13): sizes round up to 512-byte blocks;
/// requests under 1 MiB are carved from 2 MiB segments, 1-10 MiB from 20 MiB segments, larger ones get their
/// own segment rounded up to 2 MiB. <see cref="Block"/> is what a tensor occupies; <see cref="Segment"/> what
/// the device reserves for a request that finds no free block.
/// </summary>
public static class CachingAllocator
{
    public const long MinBlock = 512;
    public const long SmallLimit = 1L << 20;
    public const long SmallSegment = 2L << 20;
    public const long LargeSegment = 20L << 20;
    public const long MinLargeAlloc = 10L << 20;
    public const long RoundLarge = 2L << 20;

    public static long Block(long bytes) => bytes <= 0 ? 0 : ArenaPlanners.Align(bytes, MinBlock);

    public static long Segment(long bytes)
    {
        var block = Block(bytes);
        return block switch
        {
            0 => 0,
            < SmallLimit => SmallSegment,
            < MinLargeAlloc => LargeSegment,
            _ => ArenaPlanners.Align(block, RoundLarge),
        };
    }
}
