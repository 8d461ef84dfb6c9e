namespace CnnMem.Memory.Liveness;

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
    private readonly TensorLifetime[] _lifetimes;
    private readonly int[] _steps;
    // per distinct step, a singly linked list of the tensors added there, in flat arrays (no object per step)
    private readonly int[] _head;
    private readonly List<int> _next;
    private readonly List<int> _tensor;

    public StepIndex(TensorLifetime[] lifetimes)
    {
        _lifetimes = lifetimes;
        var all = new int[2 * lifetimes.Length];
        for (var i = 0; i < lifetimes.Length; i++)
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
        _head = new int[distinct];
        Array.Fill(_head, -1);
        // sized for every tensor placed: the number of (tensor, rank) pairs, known before any is added
        var pairs = 0;
        foreach (var t in lifetimes)
        {
            var (first, last) = Ranks(t);
            pairs = checked(pairs + (last - first + 1));
        }
        _next = new List<int>(pairs);
        _tensor = new List<int>(pairs);
    }

    public void Add(int index)
    {
        var (first, last) = Ranks(_lifetimes[index]);
        for (var r = first; r <= last; r++)
        {
            _next.Add(_head[r]);
            _tensor.Add(index);
            _head[r] = _tensor.Count - 1;
        }
    }

    /// <summary>Adds to <paramref name="into"/> every tensor added so far that is live at some step of <paramref name="t"/> (a tensor live at several of them, once per step).</summary>
    public void LiveDuring(TensorLifetime t, List<int> into)
    {
        var (first, last) = Ranks(t);
        for (var r = first; r <= last; r++)
        {
            for (var e = _head[r]; e >= 0; e = _next[e])
            {
                into.Add(_tensor[e]);
            }
        }
    }

    private (int First, int Last) Ranks(TensorLifetime t) =>
        (((ReadOnlySpan<int>)_steps).BinarySearch(t.FirstStep), ((ReadOnlySpan<int>)_steps).BinarySearch(t.LastStep));
}
