namespace CnnMem.Reports;

/// <summary>
/// One step of the training-step memory timeline: its position, the op (node name, "loss" or "optimizer step"),
/// the phase ("forward", "backward" or "optimizer") and the bytes allocated while it runs (static bytes included).
/// </summary>
public sealed record TimelineStep
{
    /// <summary>The step's position in the timeline.</summary>
    public required int Index { get; init; }

    /// <summary>The op: a node name, "loss" or "optimizer step".</summary>
    public required string Name { get; init; }

    /// <summary>"forward", "backward" or "optimizer".</summary>
    public required string Phase { get; init; }

    /// <summary>The bytes allocated while the step runs, static bytes included.</summary>
    public required long AllocatedBytes { get; init; }
}
