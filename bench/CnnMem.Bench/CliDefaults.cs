using CnnMem.Analysis;
using CnnMem.Memory;

namespace CnnMem.Bench;

/// <summary>The analysis options `cnnmem analyze FILE --batch N` runs with: PyTorch 2.x on CUDA, everything else default.</summary>
public static class CliDefaults
{
    public static AnalysisOptions Options(long batch) => new()
    {
        Batch = batch,
        Memory = new MemoryOptions { Framework = Framework.PyTorch2, Backend = Backend.Cuda },
    };
}
