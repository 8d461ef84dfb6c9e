namespace CnnMem.Memory.Allocators;

/// <summary>
/// A pool's free blocks in the allocator's order (<see cref="BlockOrder"/>: size, then address), kept in a sorted
/// list: the best fit is a binary search for the first block at least as large as the request. A pool holds few free
/// blocks at a time (freed blocks merge), so insertion's shift is cheap, and nothing is allocated per search.
/// </summary>
internal sealed class FreeBlocks
{
    private readonly List<Block> blocks = new();

    internal int Count => blocks.Count;

    internal void Add(Block block) => blocks.Insert(~Find(block), block);

    internal void Remove(Block block)
    {
        var at = Find(block);
        if (at >= 0)
        {
            blocks.RemoveAt(at);
        }
    }

    /// <summary>The smallest free block of at least <paramref name="size"/> bytes (the lowest address among equals), or null.</summary>
    internal Block? BestFit(long size)
    {
        int lo = 0, hi = blocks.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (blocks[mid].Size < size)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo < blocks.Count ? blocks[lo] : null;
    }

    /// <summary>The block's index, or the bitwise complement of where it would go.</summary>
    private int Find(Block block)
    {
        int lo = 0, hi = blocks.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var c = BlockOrder.Instance.Compare(blocks[mid], block);
            if (c == 0)
            {
                return mid;
            }
            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return ~lo;
    }
}
