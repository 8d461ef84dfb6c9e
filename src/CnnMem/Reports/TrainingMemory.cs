using System.Collections.Immutable;

namespace CnnMem.Reports;

/// <summary>
/// Framework model of a training step (forward, loss, backward, optimizer step). Peaks are above the static
/// bytes (weights, buffers, input, labels) unless named total. <see cref="SteadyPeakBytes"/> (second and later
/// iterations, gradients and optimizer state allocated) decides out-of-memory.
/// </summary>
public sealed record TrainingMemory(
    string Optimizer,
    long StaticBytes,
    long SavedForBackwardBytes,
    long ForwardPeakBytes,
    string ForwardPeakAt,
    long AfterForwardBytes,
    long BackwardPeakBytes,
    string BackwardPeakAt,
    long SteadyBackwardPeakBytes,
    long GradientBytes,
    long OptimizerStateBytes,
    long OptimizerStepTemporaryBytes,
    long StepPeakBytes,
    long SteadyPeakBytes,
    ImmutableArray<TrainingLayerMemory> Layers)
{
    /// <summary>Bytes that persist between steps: weights, buffers, gradients and optimizer state.</summary>
    public long PersistentBytes { get; init; }

    /// <summary>The steady-state peak including the static bytes: what the device must hold.</summary>
    public long SteadyPeakTotalBytes => checked(StaticBytes + SteadyPeakBytes);

    /// <summary>Activation checkpointing: segment length (0 = off) and bytes saved compared with no checkpointing.</summary>
    public int CheckpointEvery { get; init; }

    /// <summary>Bytes that checkpointing saves compared with keeping every saved tensor (0 when off).</summary>
    public long CheckpointSavingsBytes { get; init; }
}
