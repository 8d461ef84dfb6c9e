using System.Collections.Immutable;
using CnnMem.Reports;
using CnnMem.Memory.Profiles;

namespace CnnMem.Pipeline;

/// <summary>
/// Memory against batch size, for the chart:
/// 1. the GPUs: the one given with --device, else a few common ones (<see cref="CommonDevices"/>), each with the largest
///    inference and training batch that fits (the fit solver);
/// 2. the batches: 1, 2, 4, ... up to the smallest power of two that covers twice the report's batch, 64, and the
///    largest training batch that fits the biggest GPU shown (at most <see cref="MaxSweepBatch"/>), plus the report's batch;
/// 3. inference and training memory at each, on the report's backend: with --device under its budget, as fit decides it
///    (the unconstrained figures beside), so the curve meets the device's markers.
/// </summary>
internal static class BatchSweeper
{
    /// <summary>GPUs drawn when no --device is given: 16, 24, 40 and 80 GiB, the common sizes.</summary>
    public static ImmutableArray<string> CommonDevices { get; } = ["v100-16gb", "rtx4090", "a100-40gb", "a100-80gb"];

    public const long MaxSweepBatch = 8192;

    public static BatchSweep Compute(MemoryAtBatch memory, Backend backend, long batch, string? device)
    {
        var names = device is null ? CommonDevices : [DeviceTable.Resolve(device)];
        var fits = names.Select(n =>
        {
            var bytes = DeviceTable.Bytes(n);
            return new DeviceFit { Name = n, Bytes = bytes, MaxInferenceBatch = memory.MaxInferenceBatch(bytes), MaxTrainingBatch = memory.MaxTrainingBatch(bytes) };
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
        var budget = device is null ? (long?)null : fits[0].Bytes;
        if (budget is not null)
        {
            // the device's largest batches and the next ones: the curve under its budget meets each marker
            foreach (var m in new[] { fits[0].MaxInferenceBatch, fits[0].MaxTrainingBatch ?? 0 }.Where(m => m > 0))
            {
                batches.UnionWith(new[] { m, m + 1 }.Where(b => b <= top));
            }
        }
        var points = batches.Select(b => Point(memory, b, budget)).ToImmutableArray();
        return new BatchSweep { Backend = backend, Points = points, Devices = fits };
    }

    /// <summary>Memory at one batch: unconstrained, or with a device's budget the memory under it and the unconstrained beside.</summary>
    private static BatchSweepPoint Point(MemoryAtBatch memory, long batch, long? budget)
    {
        if (budget is not { } b)
        {
            return new BatchSweepPoint { Batch = batch, InferenceBytes = memory.Inference(batch), TrainingBytes = memory.Training(batch) };
        }
        var inference = memory.InferenceUnderBudget(batch, b);
        var training = memory.TrainingUnderBudget(batch, b);
        return new BatchSweepPoint
        {
            Batch = batch,
            InferenceBytes = inference.Bytes,
            TrainingBytes = training?.Bytes,
            InferenceUnconstrainedBytes = inference.UnconstrainedBytes,
            TrainingUnconstrainedBytes = training?.UnconstrainedBytes,
        };
    }
}
