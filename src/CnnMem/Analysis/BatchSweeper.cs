using System.Collections.Immutable;
using CnnMem.Memory;
using CnnMem.Reports;

namespace CnnMem.Analysis;

/// <summary>
/// Memory against batch size, for the chart:
/// 1. the GPUs: the one given with --device, else a few common ones (<see cref="CommonDevices"/>), each with the largest
///    inference and training batch that fits (the fit solver);
/// 2. the batches: 1, 2, 4, ... up to the smallest power of two that covers twice the report's batch, 64, and the
///    largest training batch that fits the biggest GPU shown (at most <see cref="MaxSweepBatch"/>), plus the report's batch;
/// 3. inference and training memory at each, on the report's backend.
/// </summary>
internal static class BatchSweeper
{
    /// <summary>GPUs drawn when no --device is given: 16, 24, 40 and 80 GiB, the common sizes.</summary>
    public static ImmutableArray<string> CommonDevices { get; } = ["v100-16gb", "rtx4090", "a100-40gb", "a100-80gb"];

    public const long MaxSweepBatch = 8192;

    public static BatchSweep Compute(MemoryAtBatch memory, string backend, long batch, string? device)
    {
        var names = device is null ? CommonDevices : [DeviceTable.Resolve(device)];
        var fits = names.Select(n =>
        {
            var bytes = DeviceTable.Bytes(n);
            return new DeviceFit(n, bytes, memory.MaxInferenceBatch(bytes), memory.MaxTrainingBatch(bytes));
        }).ToImmutableArray();

        var reach = Math.Max(Math.Max(2 * batch, 64), fits.Max(f => f.MaxTrainingBatch ?? 0) + 1);
        long top = 1;
        while (top < Math.Min(reach, MaxSweepBatch))
        {
            top *= 2;
        }
        var batches = new SortedSet<long> { batch };
        for (long b = 1; b <= top; b *= 2)
        {
            batches.Add(b);
        }
        var points = batches.Select(b => new BatchSweepPoint(b, memory.Inference(b), memory.Training(b))).ToImmutableArray();
        return new BatchSweep(backend, points, fits);
    }
}
