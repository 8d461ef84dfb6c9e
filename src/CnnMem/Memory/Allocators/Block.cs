namespace CnnMem.Memory.Allocators;

/// <summary>A piece of a <see cref="Segment"/>: free or holding one tensor; neighbours link in address order.</summary>
internal sealed class Block(Segment segment, long offset, long size)
{
    internal Segment Segment { get; private set; } = segment;

    internal long Offset { get; set; } = offset;

    internal long Size { get; set; } = size;

    internal bool Allocated { get; set; }

    internal Block? Prev { get; set; }

    internal Block? Next { get; set; }

    /// <summary>Makes a merged-away block a new one (the allocator reuses block objects).</summary>
    internal void Reset(Segment segment, long offset, long size)
    {
        Segment = segment;
        Offset = offset;
        Size = size;
        Allocated = false;
        Prev = null;
        Next = null;
    }
}
