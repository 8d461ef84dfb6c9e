namespace CnnMem.Memory.Trace;

/// <summary>A named stretch of a trace (forward, backward, optimizer step), as event indices [Start, End).</summary>
public sealed record TracePhase(string Name, int Start, int End);
