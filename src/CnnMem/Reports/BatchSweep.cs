using System.Collections.Immutable;

namespace CnnMem.Reports;

/// <summary>
/// Memory against batch size on the report's backend: the points (batches 1, 2, 4, ... and the report's batch) and,
/// for a few GPUs (or the one given with --device), their memory and the largest batch that fits each mode. Without a
/// device the points are unconstrained (what PyTorch takes when the memory is there), and a GPU's largest batch may lie
/// past where the curve crosses its memory: under a budget the allocator releases its cache and cuDNN does without
/// workspaces. With one, the points are the memory under its budget, and the curve meets the device's markers.
/// </summary>
public sealed record BatchSweep(string Backend, ImmutableArray<BatchSweepPoint> Points, ImmutableArray<DeviceFit> Devices);
