using System.Collections.Immutable;

namespace CnnMem.Reports;

/// <summary>
/// Framework model of a training step (forward, loss, backward, optimizer step). Peaks are above the static
/// bytes (weights, buffers, input, labels) unless named total. <see cref="SteadyPeakBytes"/> (second and later
/// iterations, gradients and optimizer state allocated) decides out-of-memory.
/// </summary>
public sealed record TrainingMemory
{
    /// <summary>The optimizer whose state and step are counted (JSON: its <c>--optimizer</c> name, e.g. "adam").</summary>
    public required Optimizer Optimizer { get; init; }

    /// <summary>Weights, buffers, the input and the labels: allocated before the step and never freed.</summary>
    public required long StaticBytes { get; init; }

    /// <summary>Unique storages kept for backward that are not parameters.</summary>
    public required long SavedForBackwardBytes { get; init; }

    /// <summary>The forward pass's peak, above the static bytes.</summary>
    public required long ForwardPeakBytes { get; init; }

    /// <summary>The node at which the forward peak occurs.</summary>
    public required string ForwardPeakAt { get; init; }

    /// <summary>What the forward pass leaves allocated for backward (the loss included).</summary>
    public required long AfterForwardBytes { get; init; }

    /// <summary>The first step's backward peak, above the static bytes.</summary>
    public required long BackwardPeakBytes { get; init; }

    /// <summary>The node at which the first step's backward peak occurs.</summary>
    public required string BackwardPeakAt { get; init; }

    /// <summary>The backward peak of the second and later steps (gradients and optimizer state allocated).</summary>
    public required long SteadyBackwardPeakBytes { get; init; }

    /// <summary>The trainable weights' gradients.</summary>
    public required long GradientBytes { get; init; }

    /// <summary>The optimizer's state (moments, momentum buffers, step counters).</summary>
    public required long OptimizerStateBytes { get; init; }

    /// <summary>What the optimizer step allocates for itself and frees again.</summary>
    public required long OptimizerStepTemporaryBytes { get; init; }

    /// <summary>The optimizer step's peak: gradients, state and its temporaries.</summary>
    public required long StepPeakBytes { get; init; }

    /// <summary>The peak of the second and later steps, above the static bytes: what decides out-of-memory.</summary>
    public required long SteadyPeakBytes { get; init; }

    /// <summary>What each layer adds to the step, in graph order.</summary>
    public required ImmutableArray<TrainingLayerMemory> Layers { get; init; }

    /// <summary>Bytes that persist between steps: weights, buffers, gradients and optimizer state.</summary>
    public long PersistentBytes { get; init; }

    /// <summary>The steady-state peak including the static bytes: what the device must hold.</summary>
    public long SteadyPeakTotalBytes => checked(StaticBytes + SteadyPeakBytes);

    /// <summary>Activation checkpointing: segment length (0 = off) and bytes saved compared with no checkpointing.</summary>
    public int CheckpointEvery { get; init; }

    /// <summary>Bytes that checkpointing saves compared with keeping every saved tensor (0 when off).</summary>
    public long CheckpointSavingsBytes { get; init; }
}
