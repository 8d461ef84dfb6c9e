using CnnMem.Memory.Liveness;
using CnnMem.Memory.Profiles;

namespace CnnMem.Memory.Allocators;

/// <summary>
/// The CUDA caching allocator's rounding of one request, from the constants of <see cref="AllocatorProfile"/> (the one
/// place they are stated): sizes round up to 512-byte blocks; requests up to 1 MiB are carved from 2 MiB segments,
/// larger ones below 10 MiB from 20 MiB segments, larger still get their own segment rounded up to 2 MiB.
/// <see cref="Block"/> is what a tensor occupies; <see cref="Segment"/> what the device reserves for a request that
/// finds no free block. The replay (<see cref="Allocators.CachingAllocatorModel"/>) also splits and reuses blocks.
/// </summary>
internal static class CachingAllocator
{
    private static readonly AllocatorProfile Constants = new();

    public static long Block(long bytes) => bytes <= 0 ? 0 : ArenaPlanners.Align(bytes, Constants.MinBlock);

    public static long Segment(long bytes)
    {
        var block = Block(bytes);
        return block switch
        {
            0 => 0,
            _ when block <= Constants.SmallSize => Constants.SmallBuffer,
            _ when block < Constants.MinLargeAlloc => Constants.LargeBuffer,
            _ => ArenaPlanners.Align(block, Constants.RoundLarge),
        };
    }
}
