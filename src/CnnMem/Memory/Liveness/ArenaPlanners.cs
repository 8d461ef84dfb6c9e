using System.Collections.Immutable;

namespace CnnMem.Memory.Liveness;

/// <summary>
/// Arena planning strategies (after TensorFlow Lite's arena planner and GPU memory management).
/// Each is an <see cref="ArenaPlanner"/>; none can beat <see cref="LowerBound"/>, the most bytes live at one step.
/// </summary>
internal static class ArenaPlanners
{
    public static IReadOnlyDictionary<string, ArenaPlanner> All { get; } = new Dictionary<string, ArenaPlanner>(StringComparer.Ordinal)
    {
        ["naive"] = Naive,
        ["greedy-by-size"] = GreedyBySize,
        ["greedy-in-order"] = GreedyInOrder,
    };

    /// <summary>
    /// The liveness lower bound:
    /// 1. add each lifetime's size at its first step and remove it after its last step (a sweep);
    /// 2. the running maximum is the peak, reported with the first step reaching it.
    /// </summary>
    public static LivePeak LowerBound(IReadOnlyList<TensorLifetime> lifetimes)
    {
        var all = Items(lifetimes);
        // events sorted by step (two arrays: a sorted dictionary costs a node per step on large graphs)
        var steps = new int[2 * all.Length];
        var deltas = new long[2 * all.Length];
        for (var i = 0; i < all.Length; i++)
        {
            var t = all[i];
            Validate(t);
            (steps[2 * i], deltas[2 * i]) = (t.FirstStep, t.Size);
            (steps[(2 * i) + 1], deltas[(2 * i) + 1]) = (t.LastStep + 1, -t.Size);
        }
        Array.Sort(steps, deltas);
        long live = 0, peak = 0;
        var step = -1;
        for (var i = 0; i < steps.Length;)
        {
            // all changes at one step first, then compare: a buffer freed and another allocated at the same step never overlap
            var s = steps[i];
            long d = 0;
            for (; i < steps.Length && steps[i] == s; i++)
            {
                d = checked(d + deltas[i]);
            }
            live = checked(live + d);
            if (live > peak)
            {
                peak = live;
                step = s;
            }
        }
        return new LivePeak(peak, step);
    }

    /// <summary>Every buffer gets its own space: the arena is the sum of the (aligned) sizes.</summary>
    public static ArenaPlan Naive(IReadOnlyList<TensorLifetime> lifetimes, long alignment)
    {
        CheckAlignment(alignment);
        var offsets = ImmutableArray.CreateBuilder<long>(lifetimes.Count);
        long next = 0;
        foreach (var t in lifetimes)
        {
            Validate(t);
            offsets.Add(next);
            next = checked(next + Align(t.Size, alignment));
        }
        return new ArenaPlan("naive", offsets.MoveToImmutable(), next);
    }

    /// <summary>
    /// TFLite's default: the largest buffers first, each at the lowest aligned offset where it fits
    /// between buffers already placed whose lifetimes overlap its own.
    /// </summary>
    public static ArenaPlan GreedyBySize(IReadOnlyList<TensorLifetime> lifetimes, long alignment)
    {
        var all = Items(lifetimes);
        var keys = new BySizeKey[all.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = new BySizeKey(all[i].Size, all[i].FirstStep, i);
        }
        return PlaceInOrder("greedy-by-size", all, alignment, Order(keys));
    }

    public static ArenaPlan GreedyInOrder(IReadOnlyList<TensorLifetime> lifetimes, long alignment)
    {
        var all = Items(lifetimes);
        // first step, then index, in one sortable number (both are ints)
        var keys = new long[all.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = ((long)all[i].FirstStep << 32) | (uint)i;
        }
        var order = new int[all.Length];
        Array.Sort(keys);
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = (int)(keys[i] & uint.MaxValue);
        }
        return PlaceInOrder("greedy-in-order", all, alignment, order);
    }

    /// <summary>The lifetimes as an array (the one behind an immutable array, else a copy): read many times per tensor.</summary>
    private static TensorLifetime[] Items(IReadOnlyList<TensorLifetime> lifetimes) => lifetimes switch
    {
        ImmutableArray<TensorLifetime> a => System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsArray(a) ?? [],
        TensorLifetime[] a => a,
        _ => lifetimes.ToArray(),
    };

    /// <summary>The tensors' indices sorted by their keys (a total order: every key ends on the index).</summary>
    private static int[] Order(BySizeKey[] keys)
    {
        Array.Sort(keys);
        var order = new int[keys.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = keys[i].Index;
        }
        return order;
    }

    private static ArenaPlan PlaceInOrder(string name, TensorLifetime[] lifetimes, long alignment, int[] order)
    {
        CheckAlignment(alignment);
        var offsets = new long[lifetimes.Length];
        var steps = new StepIndex(lifetimes);
        var placedAs = new int[lifetimes.Length];
        var seenBy = new int[lifetimes.Length];
        var overlapping = new List<int>();
        var live = new List<int>();
        Comparison<int> byOffset = (a, b) => offsets[a] != offsets[b] ? offsets[a].CompareTo(offsets[b]) : placedAs[a].CompareTo(placedAs[b]);
        var placedCount = 0;
        long total = 0;
        foreach (var i in order)
        {
            var t = lifetimes[i];
            Validate(t);
            long candidate = 0;
            if (t.Size > 0)
            {
                overlapping.Clear();
                live.Clear();
                steps.LiveDuring(t, live);
                foreach (var j in live)
                {
                    if (seenBy[j] != i + 1)
                    {
                        seenBy[j] = i + 1;
                        overlapping.Add(j);
                    }
                }
                overlapping.Sort(byOffset);
                foreach (var j in overlapping)
                {
                    if (checked(candidate + t.Size) > offsets[j])
                    {
                        candidate = Math.Max(candidate, Align(checked(offsets[j] + lifetimes[j].Size), alignment));
                    }
                }
                steps.Add(i);
            }
            offsets[i] = candidate;
            placedAs[i] = placedCount++;
            total = Math.Max(total, checked(candidate + t.Size));
        }
        return new ArenaPlan(name, offsets.ToImmutableArray(), total);
    }

    /// <summary>Rounds up to a multiple of the alignment.</summary>
    public static long Align(long bytes, long alignment) => checked((bytes + alignment - 1) / alignment * alignment);

    /// <summary>True when no two buffers that are live at the same step share a byte and every buffer lies inside the arena.</summary>
    public static bool IsValid(IReadOnlyList<TensorLifetime> lifetimes, ArenaPlan plan)
    {
        for (var i = 0; i < lifetimes.Count; i++)
        {
            if (plan.Offsets[i] < 0 || plan.Offsets[i] + lifetimes[i].Size > plan.Total)
            {
                return false;
            }
            for (var j = i + 1; j < lifetimes.Count; j++)
            {
                var a = lifetimes[i];
                var b = lifetimes[j];
                var disjoint = plan.Offsets[i] + a.Size <= plan.Offsets[j] || plan.Offsets[j] + b.Size <= plan.Offsets[i];
                if (a.Size > 0 && b.Size > 0 && a.Overlaps(b) && !disjoint)
                {
                    return false;
                }
            }
        }
        return true;
    }

    private static void Validate(TensorLifetime t)
    {
        if (t.Size < 0 || t.FirstStep > t.LastStep)
        {
            throw new ArgumentException($"lifetime '{t.Name}' must have a size of at least 0 and first step <= last step, found size {t.Size}, steps {t.FirstStep}..{t.LastStep}");
        }
    }

    private static void CheckAlignment(long alignment)
    {
        if (alignment < 1)
        {
            throw new ArgumentException($"the arena alignment must be at least 1 byte, found {alignment}");
        }
    }
}
