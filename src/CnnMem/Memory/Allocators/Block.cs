namespace CnnMem.Memory.Allocators;

/// <summary>A piece of a <see cref="Segment"/>: free or holding one tensor; neighbours link in address order.</summary>
internal sealed class Block(Segment segment, long offset, long size)
{
    internal Segment Segment { get; } = segment;

    internal long Offset { get; set; } = offset;

    internal long Size { get; set; } = size;

    internal bool Allocated { get; set; }

    internal Block? Prev { get; set; }

    internal Block? Next { get; set; }
}
