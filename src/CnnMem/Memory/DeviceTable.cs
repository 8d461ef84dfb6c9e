using CnnMem.Core;

namespace CnnMem.Memory;

/// <summary>Memory of common GPUs as the driver reports it (nominal GiB; H100/H200/A100 80 GB cards report 80 GiB).</summary>
internal static class DeviceTable
{
    public static IReadOnlyDictionary<string, long> Devices { get; } = new SortedDictionary<string, long>(StringComparer.OrdinalIgnoreCase)
    {
        ["t4"] = 15L << 30,
        ["v100-16gb"] = 16L << 30,
        ["v100-32gb"] = 32L << 30,
        ["a10"] = 24L << 30,
        ["a100-40gb"] = 40L << 30,
        ["a100-80gb"] = 80L << 30,
        ["h100-80gb"] = 80L << 30,
        // what torch.cuda.get_device_properties(0).total_memory reported on an H200 (measured; 141 GiB would be more)
        ["h200"] = 150_109_880_320,
        ["l4"] = 24L << 30,
        ["l40s"] = 48L << 30,
        ["rtx3060"] = 12L << 30,
        ["rtx3090"] = 24L << 30,
        ["rtx4090"] = 24L << 30,
        ["a6000"] = 48L << 30,
    };

    public static long Bytes(string device) =>
        Devices.TryGetValue(device, out var b) ? b
        : throw new CnnMemException($"unknown device '{device}'; expected one of {string.Join(", ", Devices.Keys)}, or give --memory SIZE");
}
