namespace CnnMem.Reports;

/// <summary>
/// One layer's share of a training step: bytes it first keeps for backward, the activation gradient its backward
/// allocates, its parameters plus their gradients, its optimizer state, and the running total of all of these.
/// </summary>
public sealed record TrainingLayerMemory(
    string Name,
    string Op,
    long KeptForBackwardBytes,
    long ActivationGradientBytes,
    long ParamAndGradBytes,
    long OptimizerStateBytes,
    long RunningTotalBytes)
{
    /// <summary>The layer's parameters alone (the first half of <see cref="ParamAndGradBytes"/>), for the per-layer chart.</summary>
    public long WeightBytes { get; init; }

    /// <summary>Their gradients (the second half of <see cref="ParamAndGradBytes"/>).</summary>
    public long WeightGradientBytes { get; init; }
}
