namespace CnnMem.Memory;

/// <summary>
/// Placed buffers by the steps they live at, for the arena planners' overlap search:
/// 1. the distinct first and last steps of all lifetimes, sorted, become ranks 0..k-1 (two lifetimes
///    overlap exactly when their rank ranges do, and there are at most twice as many ranks as buffers);
/// 2. a placed buffer is listed at every rank of its range;
/// 3. the buffers overlapping a lifetime are those listed at the ranks of its range (a buffer may be listed
///    at several of them: callers drop repeats).
/// Cost is the number of (buffer, rank) pairs, linear for a network whose tensors each live a few steps.
/// </summary>
internal sealed class StepIndex
{
    private readonly IReadOnlyList<TensorLifetime> _lifetimes;
    private readonly int[] _steps;
    private readonly List<int>?[] _live;

    public StepIndex(IReadOnlyList<TensorLifetime> lifetimes)
    {
        _lifetimes = lifetimes;
        var all = new int[2 * lifetimes.Count];
        for (var i = 0; i < lifetimes.Count; i++)
        {
            all[2 * i] = lifetimes[i].FirstStep;
            all[(2 * i) + 1] = lifetimes[i].LastStep;
        }
        Array.Sort(all);
        var distinct = 0;
        for (var i = 0; i < all.Length; i++)
        {
            if (i == 0 || all[i] != all[i - 1])
            {
                all[distinct++] = all[i];
            }
        }
        _steps = all[..distinct];
        _live = new List<int>?[distinct];
    }

    /// <summary>Lists buffer <paramref name="index"/> at every rank of its lifetime.</summary>
    public void Add(int index)
    {
        var (first, last) = Ranks(_lifetimes[index]);
        for (var r = first; r <= last; r++)
        {
            (_live[r] ??= new List<int>()).Add(index);
        }
    }

    /// <summary>Listed buffers that share a step with <paramref name="t"/>, possibly repeated.</summary>
    public IEnumerable<int> LiveDuring(TensorLifetime t)
    {
        var (first, last) = Ranks(t);
        for (var r = first; r <= last; r++)
        {
            if (_live[r] is { } list)
            {
                foreach (var j in list)
                {
                    yield return j;
                }
            }
        }
    }

    private (int First, int Last) Ranks(TensorLifetime t) =>
        (Array.BinarySearch(_steps, t.FirstStep), Array.BinarySearch(_steps, t.LastStep));
}
