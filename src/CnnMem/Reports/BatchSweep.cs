using System.Collections.Immutable;

namespace CnnMem.Reports;

/// <summary>
/// Memory against batch size on the report's backend: the points (batches 1, 2, 4, ... and the report's batch) and,
/// for a few GPUs (or the one given with --device), their memory and the largest batch that fits each mode.
/// </summary>
public sealed record BatchSweep(string Backend, ImmutableArray<BatchSweepPoint> Points, ImmutableArray<DeviceFit> Devices);
