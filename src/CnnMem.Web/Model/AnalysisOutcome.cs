using CnnMem.Graphs;
using CnnMem.Reports;

namespace CnnMem.Web.Model;

/// <summary>One analysis: the report, or the error a person reads (with its place in the spec when known).</summary>
internal sealed record AnalysisOutcome(AnalysisReport? Report, ModelGraph? Graph, string? Error, ErrorLocation? Location, TimeSpan Elapsed)
{
    /// <summary>The answer at this batch is here; the device fit (the largest batches) is still being computed.</summary>
    public bool FitPending { get; init; }

    /// <summary>With several GPUs and a device: the largest per-device micro-batch for training, as <c>cnnmem fit --gpus</c> finds it.</summary>
    public ParallelBatch? ParallelFit { get; init; }
}
