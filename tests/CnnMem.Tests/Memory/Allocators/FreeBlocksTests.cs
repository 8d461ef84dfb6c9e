using CnnMem.Memory.Allocators;
using CsCheck;

namespace CnnMem.Tests.Memory.Allocators;

/// <summary>The chunked free-block pool against a plain sorted set in the allocator's order, on random adds, removes and searches.</summary>
public class FreeBlocksTests
{
    [Fact]
    public void RandomOperations_AgreeWithASortedSet()
    {
        // few distinct sizes and many blocks, so chunks split, empty and hold runs of equal sizes
        var op = Gen.Select(Gen.Int[0, 2], Gen.Int[0, 599], Gen.Long[1, 40]);
        op.Array[1, 3000].Sample(ops =>
        {
            var segments = Enumerable.Range(0, 6).Select(i => new Segment(1L << 30, small: false, serial: i)).ToArray();
            var blocks = Enumerable.Range(0, 600).Select(i => new Block(segments[i % 6], i * 4096L, ((i * 7919) % 37) + 1)).ToArray();
            var pool = new FreeBlocks();
            var reference = new SortedSet<Block>(BlockOrder.Instance);
            foreach (var (kind, index, size) in ops)
            {
                var b = blocks[index];
                switch (kind)
                {
                    case 0:
                        pool.Add(b);
                        reference.Add(b);
                        break;
                    case 1:
                        pool.Remove(b);
                        reference.Remove(b);
                        break;
                    default:
                        var expected = reference.FirstOrDefault(x => x.Size >= size);
                        if (!ReferenceEquals(pool.BestFit(size), expected))
                        {
                            return false;
                        }
                        break;
                }
                if (pool.Count != reference.Count)
                {
                    return false;
                }
            }
            return true;
        }, iter: 200);
    }
}
