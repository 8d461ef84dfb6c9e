using System.Collections.Immutable;

namespace CnnMem.Reports;

/// <summary>
/// Allocated bytes op by op over one steady-state training step (forward, loss, backward, optimizer step), computed
/// from the framework model's lifetimes without running anything, like PyTorch's memory visualizer draws a measured one.
/// <see cref="BaseBytes"/> is what stays allocated throughout (static tensors, gradients, optimizer state, and on CUDA
/// the context); the peak step's bytes equal the training-step total of the summary.
/// </summary>
public sealed record MemoryTimeline(long BaseBytes, int PeakIndex, ImmutableArray<TimelineStep> Steps)
{
    /// <summary>The step at <see cref="PeakIndex"/>, where the most memory is allocated.</summary>
    public TimelineStep Peak => Steps[PeakIndex];
}
