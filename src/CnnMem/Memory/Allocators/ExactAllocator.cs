namespace CnnMem.Memory.Allocators;

/// <summary>An allocator that hands out exactly what is asked and caches nothing: the CPU's (c10's CPU allocator), and the requested-bytes view.</summary>
public sealed class ExactAllocator : IDeviceAllocator
{
    private readonly Dictionary<int, long> live = new();

    public long Allocated { get; private set; }

    public long Reserved => Allocated;

    public bool TryMalloc(int id, long bytes)
    {
        if (bytes <= 0)
        {
            return true;
        }
        live[id] = live.GetValueOrDefault(id) + bytes;
        Allocated = checked(Allocated + bytes);
        return true;
    }

    public void Free(int id)
    {
        if (live.Remove(id, out var b))
        {
            Allocated -= b;
        }
    }

    public void EmptyCache()
    {
    }
}
