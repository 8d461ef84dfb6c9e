namespace CnnMem.Memory.Profiles;

/// <summary>
/// Memory of common GPUs as CUDA reports it: a card sold as 24 GiB exposes less (the driver and ECC keep some), and
/// that is the budget a process can have. Each figure names its source: a measurement (h200), a deviceQuery
/// printout with the exact bytes (a100-40gb), or PyTorch's out-of-memory message, which prints the total to two
/// decimals of a GiB ("GPU 0 has a total capacity of 23.64 GiB"); such a figure is taken as the smallest byte count
/// that prints so (<see cref="Reported"/>), so a budget is never above what the card showed. Cards with no figure
/// found keep their nominal size and say so. The figures vary a little with the driver and the board (PCIe or SXM).
/// </summary>
internal static class DeviceTable
{
    private const string OomMessage = "PyTorch's out-of-memory message on Linux";

    private static readonly SortedDictionary<string, GpuMemory> Rows = new(StringComparer.OrdinalIgnoreCase)
    {
        ["t4"] = new(Reported(14.75), "16 GiB", $"{OomMessage}, Tesla T4 (Colab): hpcaitech/Open-Sora#697", "sm_75"),
        ["v100-16gb"] = new(Reported(15.78), "16 GiB", $"{OomMessage}, V100 16 GB: kchengiva/Shift-GCN#34", "sm_70"),
        ["v100-32gb"] = new(Reported(31.74), "32 GiB", $"{OomMessage}, V100 32 GB: haotian-liu/LLaVA#812", "sm_70"),
        ["a10"] = new(24L << 30, "24 GiB", "nominal: no reported figure found", "sm_86"),
        ["a100-40gb"] = new(42_298_834_944, "40 GiB", "deviceQuery, A100-SXM4-40GB, driver 12.2: bottlerocket-os/bottlerocket#3873", "sm_80"),
        ["a100-80gb"] = new(Reported(79.25), "80 GiB", $"{OomMessage}, A100 80 GB: HiDream-ai/VAREdit#6", "sm_80"),
        ["h100-80gb"] = new(Reported(79.11), "80 GiB", $"{OomMessage}, H100 80 GB: vllm-project/vllm#27508", "sm_90"),
        ["h200"] = new(150_109_880_320, "141 GB", "measured: torch.cuda.get_device_properties(0).total_memory on the H200 of the GPU oracle", "sm_90"),
        ["l4"] = new(24L << 30, "24 GiB", "nominal: no reported figure found", "sm_89"),
        ["l40s"] = new(Reported(44.42), "48 GiB", $"{OomMessage}, L40S: stepfun-ai/Step-Video-T2V#8", "sm_89"),
        ["rtx3060"] = new(Reported(11.76), "12 GiB", $"{OomMessage}, RTX 3060 12 GB: TencentARC/PhotoMaker#47", "sm_86"),
        ["rtx3090"] = new(Reported(23.70), "24 GiB", $"{OomMessage}, RTX 3090: GaoLii/DSP#10", "sm_86"),
        ["rtx4090"] = new(Reported(23.64), "24 GiB", $"{OomMessage}, RTX 4090: ali-vilab/VGen#104", "sm_89"),
        ["a6000"] = new(48L << 30, "48 GiB", "nominal: no reported figure found", "sm_86"),
    };

    /// <summary>Each GPU's budget in bytes, by its canonical name.</summary>
    public static IReadOnlyDictionary<string, long> Devices { get; } =
        new SortedDictionary<string, long>(Rows.ToDictionary(r => r.Key, r => r.Value.Bytes), StringComparer.OrdinalIgnoreCase);

    /// <summary>The budget of <paramref name="device"/>: a canonical name or an alias (<see cref="DeviceNames"/>).</summary>
    public static long Bytes(string device) => Rows[Resolve(device)].Bytes;

    /// <summary>The canonical name of <paramref name="device"/>; an unknown or ambiguous name is an error that lists the choices.</summary>
    public static string Resolve(string device) =>
        DeviceNames.Resolve(device, Rows.Keys) is { } name ? name
        : DeviceNames.Candidates(device, Rows.Keys) is { Count: > 1 } several
            ? throw new CnnMemException($"device '{device}' is ambiguous: {string.Join(" or ", several)}?")
            : throw new CnnMemException($"unknown device '{device}'; expected one of {string.Join(", ", Rows.Keys)} (or a common name: h100, a100-40g, rtx 4090, ...), or give --memory SIZE");

    /// <summary>The card's size as sold and where its budget comes from, for a label ("sold as 24 GiB; ...").</summary>
    public static GpuMemory Describe(string device) => Rows[Resolve(device)];

    /// <summary>
    /// <paramref name="options"/> on <paramref name="device"/>: its architecture (cuBLAS's workspaces, which measurements
    /// are borrowed) unless one is set; unchanged without a device. The analyzer, fit and the web page all apply it.
    /// </summary>
    public static MemoryOptions OnDevice(MemoryOptions options, string? device) =>
        device is null || options.GpuArch is not null ? options : options with { GpuArch = Describe(device).Arch };

    /// <summary>The smallest byte count that a two-decimal GiB figure (PyTorch's "23.64 GiB") stands for.</summary>
    private static long Reported(double gib) => (long)Math.Ceiling(((decimal)gib - 0.005m) * (1L << 30));
}
