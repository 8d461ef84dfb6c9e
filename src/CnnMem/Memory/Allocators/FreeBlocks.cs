namespace CnnMem.Memory.Allocators;

/// <summary>
/// A pool's free blocks in the allocator's order (<see cref="BlockOrder"/>: size, then address), as PyTorch's
/// <c>std::set</c> of blocks keeps them: the best fit is the first block at least as large as the request.
/// Held as a sorted list of sorted chunks of at most <see cref="ChunkMax"/> blocks, so an insertion or removal
/// shifts one short chunk (a large network's pool holds thousands of free blocks between merges), a search is two
/// binary searches, and nothing is allocated per request.
/// </summary>
internal sealed class FreeBlocks
{
    private const int ChunkMax = 128;
    private readonly List<List<Block>> chunks = new();

    internal int Count { get; private set; }

    /// <summary>The largest free block's size (0 when none): the last in size order.</summary>
    internal long Largest => chunks.Count == 0 ? 0 : chunks[^1][^1].Size;

    internal void Add(Block block)
    {
        if (chunks.Count == 0)
        {
            chunks.Add(new List<Block>(ChunkMax + 1) { block });
            Count++;
            return;
        }
        var c = ChunkFor(block);
        var list = chunks[c];
        var at = list.BinarySearch(block, BlockOrder.Instance);
        if (at >= 0)
        {
            return; // already free (a set holds a block once)
        }
        list.Insert(~at, block);
        Count++;
        if (list.Count > ChunkMax)
        {
            var half = list.Count / 2;
            var tail = new List<Block>(ChunkMax + 1);
            tail.AddRange(list.GetRange(half, list.Count - half));
            list.RemoveRange(half, list.Count - half);
            chunks.Insert(c + 1, tail);
        }
    }

    internal void Remove(Block block)
    {
        if (chunks.Count == 0)
        {
            return;
        }
        var c = ChunkFor(block);
        var list = chunks[c];
        var at = list.BinarySearch(block, BlockOrder.Instance);
        if (at < 0)
        {
            return;
        }
        list.RemoveAt(at);
        Count--;
        if (list.Count == 0)
        {
            chunks.RemoveAt(c);
        }
    }

    /// <summary>The smallest free block of at least <paramref name="size"/> bytes (the lowest address among equals), or null.</summary>
    internal Block? BestFit(long size)
    {
        int lo = 0, hi = chunks.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (chunks[mid][^1].Size < size)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        if (lo == chunks.Count)
        {
            return null;
        }
        var list = chunks[lo];
        int a = 0, b = list.Count - 1;
        while (a < b)
        {
            var mid = (a + b) >>> 1;
            if (list[mid].Size < size)
            {
                a = mid + 1;
            }
            else
            {
                b = mid;
            }
        }
        return list[a];
    }

    /// <summary>The chunk a block belongs in: the first whose last block is not below it, else the last chunk.</summary>
    private int ChunkFor(Block block)
    {
        int lo = 0, hi = chunks.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (BlockOrder.Instance.Compare(chunks[mid][^1], block) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}
