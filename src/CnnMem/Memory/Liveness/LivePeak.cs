namespace CnnMem.Memory.Liveness;

/// <summary>The largest sum of live bytes over all steps, and the first step where it occurs (-1 when nothing is live).</summary>
internal sealed record LivePeak(long Bytes, int Step);
