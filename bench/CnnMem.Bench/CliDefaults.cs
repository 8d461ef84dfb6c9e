namespace CnnMem.Bench;

/// <summary>
/// The analysis options `cnnmem analyze FILE --batch N` runs with: the library's defaults (PyTorch 2.x on CUDA), which
/// are the CLI's; set CNNMEM_BENCH_OPTIONS=library to probe PyTorch 1.13 on the CPU (the library's defaults before they
/// became the CLI's: no caching allocator's replays).
/// </summary>
public static class CliDefaults
{
    public static AnalysisOptions Options(long batch) => Environment.GetEnvironmentVariable("CNNMEM_BENCH_OPTIONS") == "library"
        ? Library(batch)
        : new() { Batch = batch };

    /// <summary>PyTorch 1.13 on the CPU (<see cref="MemoryOptions.PyTorch113Cpu"/>), what the library defaulted to before.</summary>
    public static AnalysisOptions Library(long batch) => new() { Batch = batch, Memory = MemoryOptions.PyTorch113Cpu };
}
