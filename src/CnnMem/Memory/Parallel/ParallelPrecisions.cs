using CnnMem.Core;
using CnnMem.Reports;

namespace CnnMem.Memory.Parallel;

/// <summary>Names of <see cref="ParallelPrecision"/> values as the JSON writes them (<c>memory.parallel.setup.precision</c>).</summary>
internal static class ParallelPrecisions
{
    public static NameTable<ParallelPrecision> Names { get; } = new(
    [
        (ParallelPrecision.Fp32, "fp32"), (ParallelPrecision.Half, "half"), (ParallelPrecision.Fp64, "fp64"),
        (ParallelPrecision.Autocast, "autocast"), (ParallelPrecision.AutocastHalfGather, "autocast_half_gather"),
        (ParallelPrecision.HalfFp32Master, "half_fp32_master"),
    ]);

    public static string Name(ParallelPrecision p) => Names.Name(p);
}
