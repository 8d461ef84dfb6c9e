using CnnMem.Memory.Profiles;

namespace CnnMem.Memory.Allocators;

/// <summary>
/// PyTorch's CUDA caching allocator (c10/cuda/CUDACachingAllocator.cpp) on one stream, replayed request by request:
/// 1. a request rounds up to 512 bytes; up to 1 MiB it is served from the small pool, else from the large pool;
/// 2. the pool's best fit (the smallest free block that is large enough) is taken; failing that, a new segment
///    (2 MiB small, 20 MiB for 1-10 MiB requests, else the request rounded up to 2 MiB), or with expandable
///    segments the pool's one segment grows by whole pages;
/// 3. a block is split when the rest is at least 512 bytes (small pool) or more than 1 MiB (large pool); otherwise
///    the whole block is handed out, and counted as allocated, as <c>memory_allocated()</c> does;
/// 4. a freed block merges with free neighbours of its segment and stays cached;
/// 5. when a new segment would pass the budget (<c>set_per_process_memory_fraction</c>) or the device, the cached
///    unused segments are released and the request retried before it fails (out of memory).
/// </summary>
internal sealed class CachingAllocatorModel(AllocatorProfile profile, long limit = long.MaxValue, bool expandable = false, int expectedLive = 0) : IDeviceAllocator
{
    private readonly FreeBlocks smallFree = new();
    private readonly FreeBlocks largeFree = new();
    private readonly List<Segment> segments = new();
    // sized for the tensors expected live at once (a replay passes its storage count): growing it was much of a replay's garbage
    private readonly Dictionary<int, Block> live = new(expectedLive);
    // blocks merged away, reused for the next split: a replay splits and merges blocks at nearly every request
    private readonly Stack<Block> spare = new();
    private long serial;

    public long Allocated { get; private set; }

    public long Reserved { get; private set; }

    public long LargestFree => Math.Max(smallFree.Largest, largeFree.Largest);

    /// <summary>The size a request is rounded to (its block's size before any unsplit remainder).</summary>
    public long RoundSize(long bytes) => bytes < profile.MinBlock ? profile.MinBlock : checked((bytes + profile.MinBlock - 1) / profile.MinBlock * profile.MinBlock);

    public bool TryMalloc(int id, long bytes)
    {
        if (bytes <= 0)
        {
            return true;
        }
        var size = RoundSize(bytes);
        var small = size <= profile.SmallSize;
        var pool = small ? smallFree : largeFree;
        var block = pool.BestFit(size) ?? Grow(small, size);
        if (block is null)
        {
            ReleaseCached();
            block = Grow(small, size);
            if (block is null)
            {
                return false;
            }
        }
        pool.Remove(block);
        var rest = block.Size - size;
        if (small ? rest >= profile.MinBlock : rest > profile.SmallSize)
        {
            var tail = NewBlock(block.Segment, block.Offset + size, rest);
            tail.Prev = block;
            tail.Next = block.Next;
            if (block.Next is { } n)
            {
                n.Prev = tail;
            }
            block.Next = tail;
            block.Size = size;
            pool.Add(tail);
        }
        block.Allocated = true;
        live[id] = block;
        Allocated = checked(Allocated + block.Size);
        return true;
    }

    public void Free(int id)
    {
        if (!live.Remove(id, out var block))
        {
            return;
        }
        Allocated -= block.Size;
        block.Allocated = false;
        var pool = block.Segment.Small ? smallFree : largeFree;
        if (block.Prev is { Allocated: false } p)
        {
            pool.Remove(p);
            p.Size += block.Size;
            p.Next = block.Next;
            if (block.Next is { } bn)
            {
                bn.Prev = p;
            }
            Recycle(block);
            block = p;
        }
        if (block.Next is { Allocated: false } n)
        {
            pool.Remove(n);
            block.Size += n.Size;
            block.Next = n.Next;
            if (n.Next is { } nn)
            {
                nn.Prev = block;
            }
            Recycle(n);
        }
        pool.Add(block);
    }

    public void EmptyCache() => ReleaseCached();

    private Block NewBlock(Segment segment, long offset, long size)
    {
        if (!spare.TryPop(out var b))
        {
            return new Block(segment, offset, size);
        }
        b.Reset(segment, offset, size);
        return b;
    }

    private void Recycle(Block b) => spare.Push(b);

    /// <summary>A new segment, or with expandable segments more pages for the pool's segment; null past the budget.</summary>
    private Block? Grow(bool small, long size)
    {
        if (expandable)
        {
            return Expand(small, size);
        }
        var bytes = small ? profile.SmallBuffer
            : size < profile.MinLargeAlloc ? profile.LargeBuffer
            : checked((size + profile.RoundLarge - 1) / profile.RoundLarge * profile.RoundLarge);
        if (Reserved > limit - bytes)
        {
            return null;
        }
        var segment = new Segment(bytes, small, serial++);
        segment.Head = new Block(segment, 0, bytes);
        segments.Add(segment);
        Reserved = checked(Reserved + bytes);
        (small ? smallFree : largeFree).Add(segment.Head);
        return segment.Head;
    }

    private Block? Expand(bool small, long size)
    {
        var page = small ? profile.SmallBuffer : profile.ExpandablePage;
        var segment = segments.FirstOrDefault(s => s.Small == small);
        var last = segment?.Head;
        while (last?.Next is { } next)
        {
            last = next;
        }
        var trailing = last is { Allocated: false } ? last.Size : 0;
        var grow = checked((size - trailing + page - 1) / page * page);
        if (Reserved > limit - grow)
        {
            return null;
        }
        Reserved = checked(Reserved + grow);
        var pool = small ? smallFree : largeFree;
        if (segment is null)
        {
            segment = new Segment(grow, small, serial++);
            segment.Head = new Block(segment, 0, grow);
            segments.Add(segment);
            pool.Add(segment.Head);
            return segment.Head;
        }
        segment.Size += grow;
        if (trailing > 0)
        {
            pool.Remove(last!);
            last!.Size += grow;
            pool.Add(last);
            return last;
        }
        var block = new Block(segment, last!.Offset + last.Size, grow) { Prev = last };
        last.Next = block;
        pool.Add(block);
        return block;
    }

    /// <summary>Returns every segment with no live block to the device (expandable segments unmap their free pages likewise).</summary>
    private void ReleaseCached()
    {
        for (var i = segments.Count - 1; i >= 0; i--)
        {
            var s = segments[i];
            if (s.Head is { Allocated: false, Next: null } only)
            {
                (s.Small ? smallFree : largeFree).Remove(only);
                Reserved -= s.Size;
                segments.RemoveAt(i);
            }
        }
    }
}
