namespace CnnMem.Memory.Trace;

/// <summary>
/// What a replay saw during one phase: the peak of allocated bytes above the phase's start and the step where it
/// was reached, what was allocated above the start when the phase ended, and the peak of reserved bytes (absolute).
/// </summary>
internal sealed record PhasePeak(long PeakAbove, int PeakStep, long EndAbove, long ReservedPeak);
