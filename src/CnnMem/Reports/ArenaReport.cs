namespace CnnMem.Reports;

/// <summary>One arena planning strategy's result: the arena's size in bytes (never below the liveness peak).</summary>
public sealed record ArenaReport(string Strategy, long Bytes);
