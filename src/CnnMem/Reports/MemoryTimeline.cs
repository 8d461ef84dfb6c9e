using System.Collections.Immutable;

namespace CnnMem.Reports;

/// <summary>
/// Allocated bytes op by op over one steady-state training step (forward, loss, backward, optimizer step), computed
/// from the framework model's lifetimes without running anything, like PyTorch's memory visualizer draws a measured one.
/// <see cref="BaseBytes"/> is what stays allocated throughout (static tensors, gradients, optimizer state, and on CUDA
/// the context); the peak step's bytes equal the training-step total of the summary.
/// </summary>
public sealed record MemoryTimeline
{
    /// <summary>What stays allocated throughout the step, bytes.</summary>
    public required long BaseBytes { get; init; }

    /// <summary>The index in <see cref="Steps"/> of the step where the most memory is allocated.</summary>
    public required int PeakIndex { get; init; }

    /// <summary>The steps, in the order they run.</summary>
    public required ImmutableArray<TimelineStep> Steps { get; init; }

    /// <summary>The step at <see cref="PeakIndex"/>, where the most memory is allocated.</summary>
    public TimelineStep Peak => Steps[PeakIndex];
}
