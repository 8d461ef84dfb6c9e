namespace CnnMem.Reports;

/// <summary>Where one part of the training state (weights, gradients, optimizer state) lives when training is spread over devices.</summary>
public enum Placement
{
    /// <summary>Whole on every device.</summary>
    Replicated,

    /// <summary>Each device keeps only its own part, cut as <see cref="ParallelPlacement.Shards"/> says.</summary>
    Sharded,

    /// <summary>Whole on every device until the accumulation boundary, then reduced into each device's own part, which it keeps as well (ZeRO-1's gradients).</summary>
    ReplicatedUntilReduced,
}
