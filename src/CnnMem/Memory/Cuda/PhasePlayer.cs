using CnnMem.Memory.Trace;

namespace CnnMem.Memory.Cuda;

/// <summary>
/// Plays a trace through a replay while it is written, a chunk at a time (<see cref="StepTraceBuilder.WhenFull"/>),
/// so a phase of a large network is never held whole. The chunks of one phase combine into the peak one play of the
/// whole phase would give: the highest peak (the earlier chunk's on a tie, as the replay keeps the first step that
/// reached it), the last chunk's end, the highest reserved.
/// </summary>
internal sealed class PhasePlayer
{
    private readonly TraceReplay replay;
    private long baseline;
    private PhasePeak? sofar;

    internal PhasePlayer(TraceReplay replay, StepTraceBuilder trace, long baseline)
    {
        this.replay = replay;
        this.baseline = baseline;
        trace.WhenFull = Flush;
    }

    /// <summary>Ends the phase: the events written so far are its last.</summary>
    internal PhasePeak End(StepTraceBuilder trace)
    {
        Flush(trace);
        var peak = sofar!;
        sofar = null;
        return peak;
    }

    /// <summary>The next phases' peaks are measured above <paramref name="level"/> (allocated bytes).</summary>
    internal void Begin(long level) => baseline = level;

    private void Flush(StepTraceBuilder trace)
    {
        var chunk = replay.Play(trace.Events, 0, trace.Events.Count, baseline);
        trace.ClearEvents();
        sofar = sofar is not { } s ? chunk : new PhasePeak(
            chunk.PeakAbove > s.PeakAbove ? chunk.PeakAbove : s.PeakAbove,
            chunk.PeakAbove > s.PeakAbove ? chunk.PeakStep : s.PeakStep,
            chunk.EndAbove,
            Math.Max(s.ReservedPeak, chunk.ReservedPeak));
    }
}
