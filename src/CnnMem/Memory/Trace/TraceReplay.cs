using CnnMem.Memory.Allocators;

namespace CnnMem.Memory.Trace;

/// <summary>Replays trace events on an allocator, tracking the peaks of allocated and reserved bytes; stops at the first request that does not fit.</summary>
internal sealed class TraceReplay(IDeviceAllocator allocator)
{
    public IDeviceAllocator Allocator => allocator;

    /// <summary>False once a request did not fit (out of memory).</summary>
    public bool Ok { get; private set; } = true;

    /// <summary>The request that did not fit, once <see cref="Ok"/> is false.</summary>
    public TraceFailure? Failure { get; private set; }

    /// <summary>How many optional requests (cuDNN workspaces) were refused, and their bytes: what the library did without.</summary>
    public (int Count, long Bytes) Skipped { get; private set; }

    /// <summary>When set, the highest allocated bytes at each trace step played (indexed by step; -1: no event at that step).</summary>
    internal long[]? StepPeaks { get; set; }

    /// <summary>Plays events [<paramref name="start"/>, <paramref name="end"/>); the peak is measured above <paramref name="baseline"/>.</summary>
    public PhasePeak Play(IReadOnlyList<TraceEvent> events, int start, int end, long baseline)
    {
        long peak = allocator.Allocated, reserved = allocator.Reserved;
        var at = -1;
        // a span over the builder's list: the replay reads millions of events, and the interface's indexer is a call each
        var span = events is List<TraceEvent> list ? System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list) : events.ToArray();
        for (var k = start; k < end && Ok; k++)
        {
            var e = span[k];
            if (StepPeaks is { } levels && e.Step < levels.Length)
            {
                levels[e.Step] = Math.Max(levels[e.Step], allocator.Allocated);
            }
            if (e.Op == TraceOp.Free)
            {
                allocator.Free(e.Id);
                continue;
            }
            if (!allocator.TryMalloc(e.Id, e.Bytes))
            {
                if (e.Optional)
                {
                    Skipped = (Skipped.Count + 1, checked(Skipped.Bytes + e.Bytes));
                    continue; // a workspace the library can do without (cuDNN falls back to an algorithm that needs less)
                }
                Ok = false;
                Failure = new TraceFailure(e.Id, e.Bytes, e.Step, allocator.Reserved, allocator.Allocated, allocator.LargestFree);
                break;
            }
            if (StepPeaks is { } after && e.Step < after.Length)
            {
                after[e.Step] = Math.Max(after[e.Step], allocator.Allocated);
            }
            if (allocator.Allocated > peak)
            {
                peak = allocator.Allocated;
                at = e.Step;
            }
            reserved = Math.Max(reserved, allocator.Reserved);
        }
        return new PhasePeak(peak - baseline, at, allocator.Allocated - baseline, reserved);
    }
}
