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
    long RunningTotalBytes);
