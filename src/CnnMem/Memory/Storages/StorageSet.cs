using System.Collections;

namespace CnnMem.Memory.Storages;

/// <summary>
/// A set of storage ids (dense, from 0) as one bit each: the models mark storages seen or saved per pass, and a hash
/// set of ints was megabytes per pass on large graphs. Grows when an id past its end is added.
/// </summary>
internal sealed class StorageSet(int capacity)
{
    private readonly BitArray bits = new(Math.Max(capacity, 1));

    /// <summary>Adds <paramref name="id"/>; false when it was already there.</summary>
    internal bool Add(int id)
    {
        if (id >= bits.Length)
        {
            bits.Length = Math.Max(id + 1, 2 * bits.Length);
        }
        if (bits[id])
        {
            return false;
        }
        bits[id] = true;
        return true;
    }

    internal bool Contains(int id) => id >= 0 && id < bits.Length && bits[id];
}
