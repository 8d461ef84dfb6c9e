using System.Collections.Immutable;

namespace CnnMem.Reports;

/// <summary>
/// Framework model of one inference forward (no grad). <see cref="ActivationPeakBytes"/> is above weights,
/// buffers and the input (the liveness lower bound, including kernel workspaces); arenas are planned layouts.
/// </summary>
public sealed record InferenceMemory
{
    /// <summary>The parameters, bytes.</summary>
    public required long WeightBytes { get; init; }

    /// <summary>The buffers (such as BatchNorm's running statistics), bytes.</summary>
    public required long BufferBytes { get; init; }

    /// <summary>The graph's inputs, bytes.</summary>
    public required long InputBytes { get; init; }

    /// <summary>The most memory live at once above weights, buffers and the input, bytes (kernel workspaces included).</summary>
    public required long ActivationPeakBytes { get; init; }

    /// <summary>The layer (node) whose step reaches the peak.</summary>
    public required string PeakAtLayer { get; init; }

    /// <summary>The kernel workspace live at the peak, part of <see cref="ActivationPeakBytes"/>.</summary>
    public required long WorkspaceAtPeakBytes { get; init; }

    /// <summary>The graph's outputs, bytes.</summary>
    public required long OutputBytes { get; init; }

    /// <summary>The alignment each tensor is placed at in the arena plans, bytes.</summary>
    public required long Alignment { get; init; }

    /// <summary>The arena plans, one per planning strategy.</summary>
    public required ImmutableArray<ArenaReport> Arenas { get; init; }

    /// <summary>Weights, buffers, input and the activation peak.</summary>
    public long TotalBytes => checked(WeightBytes + BufferBytes + InputBytes + ActivationPeakBytes);
}
