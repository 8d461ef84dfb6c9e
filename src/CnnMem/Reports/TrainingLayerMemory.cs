namespace CnnMem.Reports;

/// <summary>
/// One layer's share of a training step: bytes it first keeps for backward, the activation gradient its backward
/// allocates, its parameters plus their gradients, its optimizer state, and the running total of all of these.
/// </summary>
public sealed record TrainingLayerMemory
{
    /// <summary>The node's name.</summary>
    public required string Name { get; init; }

    /// <summary>The node's op type.</summary>
    public required string Op { get; init; }

    /// <summary>Bytes this layer first keeps for backward.</summary>
    public required long KeptForBackwardBytes { get; init; }

    /// <summary>The activation gradient its backward allocates, bytes.</summary>
    public required long ActivationGradientBytes { get; init; }

    /// <summary>Its parameters plus their gradients, bytes.</summary>
    public required long ParamAndGradBytes { get; init; }

    /// <summary>Its optimizer state, bytes.</summary>
    public required long OptimizerStateBytes { get; init; }

    /// <summary>The running total of all of these up to and including this layer, bytes.</summary>
    public required long RunningTotalBytes { get; init; }

    /// <summary>The layer's parameters alone (the first half of <see cref="ParamAndGradBytes"/>), for the per-layer chart.</summary>
    public long WeightBytes { get; init; }

    /// <summary>Their gradients (the second half of <see cref="ParamAndGradBytes"/>).</summary>
    public long WeightGradientBytes { get; init; }
}
