namespace CnnMem.Bench;

/// <summary>The analysis options `cnnmem analyze FILE --batch N` runs with: PyTorch 2.x on CUDA, everything else default.</summary>
public static class CliDefaults
{
    public static AnalysisOptions Options(long batch) => Environment.GetEnvironmentVariable("CNNMEM_BENCH_OPTIONS") == "library"
        ? Library(batch)
        : new()
        {
            Batch = batch,
            Memory = new MemoryOptions { Framework = Framework.PyTorch2, Backend = Backend.Cuda },
        };

    /// <summary>The library's defaults (PyTorch 1.13 on CPU): what `new AnalysisOptions()` gives; set CNNMEM_BENCH_OPTIONS=library to probe these.</summary>
    public static AnalysisOptions Library(long batch) => new() { Batch = batch };
}
