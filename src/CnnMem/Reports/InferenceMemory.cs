using System.Collections.Immutable;

namespace CnnMem.Reports;

/// <summary>
/// Framework model of one inference forward (no grad). <see cref="ActivationPeakBytes"/> is above weights,
/// buffers and the input (the liveness lower bound, including kernel workspaces); arenas are planned layouts.
/// </summary>
public sealed record InferenceMemory(
    long WeightBytes,
    long BufferBytes,
    long InputBytes,
    long ActivationPeakBytes,
    string PeakAtLayer,
    long WorkspaceAtPeakBytes,
    long OutputBytes,
    long Alignment,
    ImmutableArray<ArenaReport> Arenas)
{
    /// <summary>Weights, buffers, input and the activation peak.</summary>
    public long TotalBytes => checked(WeightBytes + BufferBytes + InputBytes + ActivationPeakBytes);
}
