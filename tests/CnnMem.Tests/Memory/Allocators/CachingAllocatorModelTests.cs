using CnnMem.Memory.Allocators;
using CnnMem.Memory.Profiles;

namespace CnnMem.Tests.Memory.Allocators;

/// <summary>The caching allocator's rules on hand-computed cases (CUDACachingAllocator.cpp's constants).</summary>
public class CachingAllocatorModelTests
{
    private const long MiB = 1L << 20;

    private static CachingAllocatorModel New(long limit = long.MaxValue, bool expandable = false) => new(new AllocatorProfile(), limit, expandable);

    [Theory]
    [InlineData(1, 512, 2 * MiB)]                              // rounded to 512 B, from a 2 MiB small segment
    [InlineData(MiB, MiB, 2 * MiB)]                            // 1 MiB is still small
    [InlineData(MiB + 1, MiB + 512, 20 * MiB)]                 // 1-10 MiB: a 20 MiB segment, split (the rest is over 1 MiB)
    [InlineData((12 * MiB) + 1, (12 * MiB) + 512, 14 * MiB)]   // from 10 MiB: a segment of its own, rounded up to 2 MiB
    public void OneRequest_BlockAndSegment(long request, long allocated, long reserved)
    {
        var a = New();
        Assert.True(a.TryMalloc(1, request));
        Assert.Equal((allocated, reserved), (a.Allocated, a.Reserved));
    }

    [Fact]
    public void UnsplitRemainder_CountsAsAllocated()
    {
        // measured: seed_cnn at batch 32 peaks at 20,971,520 allocated for two 10,240,000-byte tensors: the second takes
        // the rest of the 20 MiB segment whole, since what would remain (491,520 B) is not over 1 MiB
        var a = New();
        Assert.True(a.TryMalloc(1, 10_240_000));
        Assert.True(a.TryMalloc(2, 10_240_000));
        Assert.Equal((20_971_520L, 20 * MiB), (a.Allocated, a.Reserved));
    }

    [Fact]
    public void FreedBlock_IsReused_AndMergesWithItsNeighbours()
    {
        var a = New();
        Assert.True(a.TryMalloc(1, 5 * MiB));
        Assert.True(a.TryMalloc(2, 5 * MiB));
        a.Free(1);
        a.Free(2);
        Assert.Equal((0L, 20 * MiB), (a.Allocated, a.Reserved));
        Assert.True(a.TryMalloc(3, 14 * MiB));     // fits the merged 20 MiB free block: no new segment
        Assert.Equal(20 * MiB, a.Reserved);
    }

    [Fact]
    public void UnderABudget_ReleasesTheCacheAndRetries_BeforeFailing()
    {
        var a = New(limit: 20 * MiB);
        Assert.True(a.TryMalloc(1, 100));          // a 2 MiB small segment
        a.Free(1);                                 // cached, unused; the small pool cannot serve a large request
        Assert.True(a.TryMalloc(2, 19 * MiB));    // its own 20 MiB segment fits only once the cached one is released
        Assert.Equal((20 * MiB, 20 * MiB), (a.Allocated, a.Reserved));
        Assert.False(a.TryMalloc(3, 2 * MiB));    // another 20 MiB segment cannot fit: out of memory
    }

    [Fact]
    public void BestFit_ReusesACachedLargeBlock_BeforeANewSegment()
    {
        var a = New();
        Assert.True(a.TryMalloc(1, 5 * MiB));
        a.Free(1);
        Assert.True(a.TryMalloc(2, 15 * MiB));    // the cached 20 MiB block serves it, split
        Assert.Equal((15 * MiB, 20 * MiB), (a.Allocated, a.Reserved));
    }

    [Fact]
    public void ExpandableSegments_GrowPageByPage()
    {
        var a = New(expandable: true);
        Assert.True(a.TryMalloc(1, 12 * MiB));    // one 20 MiB page
        Assert.True(a.TryMalloc(2, 12 * MiB));    // 8 MiB left at the end: one more page
        Assert.Equal(40 * MiB, a.Reserved);
        a.Free(1);
        a.Free(2);
        a.EmptyCache();
        Assert.Equal(0, a.Reserved);
    }
}
