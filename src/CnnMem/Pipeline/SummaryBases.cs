using CnnMem.Core;
using CnnMem.Reports;

namespace CnnMem.Pipeline;

/// <summary>Names of <see cref="SummaryBasis"/> values as the JSON writes them (<c>summary.basis</c>), and the basis of a model's figures.</summary>
internal static class SummaryBases
{
    public static NameTable<SummaryBasis> Names { get; } = new(
    [
        (SummaryBasis.Textbook, "textbook"), (SummaryBasis.CpuStaticPlusPeak, "cpu_static_plus_peak"),
        (SummaryBasis.CudaStaticPlusPeak, "cuda_static_plus_peak"), (SummaryBasis.CudaDeviceTotal, "cuda_device_total"),
    ]);

    public static string Name(SummaryBasis b) => Names.Name(b);

    /// <summary>Whether the figures are the CUDA model's (device totals or not).</summary>
    public static bool OnCuda(SummaryBasis b) => b is SummaryBasis.CudaStaticPlusPeak or SummaryBasis.CudaDeviceTotal;

    /// <summary>The framework model's static-plus-peak basis on <paramref name="backend"/>.</summary>
    public static SummaryBasis StaticPlusPeak(Backend backend) =>
        backend == Backend.Cuda ? SummaryBasis.CudaStaticPlusPeak : SummaryBasis.CpuStaticPlusPeak;
}
