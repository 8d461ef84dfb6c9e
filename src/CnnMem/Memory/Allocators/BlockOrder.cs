namespace CnnMem.Memory.Allocators;

/// <summary>The allocator's free-block order: by size, then by address (segment creation order, then offset).</summary>
internal sealed class BlockOrder : IComparer<Block>
{
    internal static readonly BlockOrder Instance = new();

    public int Compare(Block? x, Block? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }
        var c = x!.Size.CompareTo(y!.Size);
        if (c != 0)
        {
            return c;
        }
        c = x.Segment.Serial.CompareTo(y.Segment.Serial);
        return c != 0 ? c : x.Offset.CompareTo(y.Offset);
    }
}
