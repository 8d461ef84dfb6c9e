namespace CnnMem.Reports;

/// <summary>One arena planning strategy's result: the arena's size in bytes (never below the liveness peak).</summary>
public sealed record ArenaReport
{
    /// <summary>The planning strategy's name.</summary>
    public required string Strategy { get; init; }

    /// <summary>The arena's size under that strategy, bytes.</summary>
    public required long Bytes { get; init; }
}
