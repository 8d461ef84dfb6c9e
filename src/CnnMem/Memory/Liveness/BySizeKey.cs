namespace CnnMem.Memory.Liveness;

/// <summary>The greedy-by-size planner's order: largest first, then the earliest first step, then the list's order.</summary>
internal readonly record struct BySizeKey(long Size, int FirstStep, int Index) : IComparable<BySizeKey>
{
    public int CompareTo(BySizeKey other)
    {
        var c = other.Size.CompareTo(Size);
        c = c != 0 ? c : FirstStep.CompareTo(other.FirstStep);
        return c != 0 ? c : Index.CompareTo(other.Index);
    }
}
