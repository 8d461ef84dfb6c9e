using CnnMem.Rendering;
using CnnMem.Pipeline;

namespace CnnMem.Cli.Commands;

/// <summary>
/// The fit command's per-device lines: one per optimizer and strategy (side by side with --parallel auto): the largest
/// per-device micro-batch, the global batch it gives, the per-device memory at it and the headroom.
/// </summary>
internal static class ParallelFitTable
{
    public static void Write(TextWriter output, IReadOnlyList<ParallelFitResult> results, Func<long, string> bytes)
    {
        var first = results[0];
        output.WriteLine($"  per device, {first.Gpus} device{(first.Gpus == 1 ? "" : "s")}, gradient accumulation {first.GradAccum} (--batch is the micro-batch):");
        foreach (var group in results.GroupBy(r => r.Fit.Mode))
        {
            output.WriteLine($"    {group.Key}:");
            foreach (var r in group)
            {
                var f = r.Fit;
                output.WriteLine(f.Batch == 0
                    ? $"      {r.Strategy,-6} does not fit even at micro-batch 1, which needs {bytes(f.BytesAtNextBatch)}"
                    : $"      {r.Strategy,-6} micro-batch {ByteFormat.Count(f.Batch)} (global {ByteFormat.Count(r.GlobalBatch)}) needs {bytes(f.BytesAtBatch)}, headroom {bytes(f.HeadroomBytes)}");
            }
        }
    }
}
