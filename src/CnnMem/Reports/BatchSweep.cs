using System.Collections.Immutable;

namespace CnnMem.Reports;

/// <summary>
/// Memory against batch size on the report's backend: the points (batches 1, 2, 4, ... and the report's batch) and,
/// for a few GPUs (or the one given with --device), their memory and the largest batch that fits each mode. Without a
/// device the points are unconstrained (what PyTorch takes when the memory is there), and a GPU's largest batch may lie
/// past where the curve crosses its memory: under a budget the allocator releases its cache and cuDNN does without
/// workspaces. With one, the points are the memory under its budget, and the curve meets the device's markers.
/// </summary>
public sealed record BatchSweep
{
    /// <summary>The backend the points were computed on.</summary>
    public required Backend Backend { get; init; }

    /// <summary>The memory at each batch size swept, in increasing batch order.</summary>
    public required ImmutableArray<BatchSweepPoint> Points { get; init; }

    /// <summary>The GPUs and the largest batches that fit them.</summary>
    public required ImmutableArray<DeviceFit> Devices { get; init; }
}
