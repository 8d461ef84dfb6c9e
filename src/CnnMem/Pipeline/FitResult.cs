using CnnMem.Reports;

namespace CnnMem.Pipeline;

/// <summary>
/// The largest batch whose memory fits the budget (0 when even batch 1 does not), the memory it takes, the headroom
/// left, and the memory the next batch needs (which does not fit). On CUDA under a budget the batch's bytes are what it
/// takes under the budget and the next batch's the least budget it would run in; <see cref="AtBatch"/> and
/// <see cref="AtNextBatch"/> carry the unconstrained figures beside them and what cuDNN did without or where the run stopped.
/// </summary>
internal sealed record FitResult(string Mode, long Budget, long Batch, long BytesAtBatch, long BytesAtNextBatch)
{
    public long HeadroomBytes => Batch == 0 ? 0 : Budget - BytesAtBatch;

    /// <summary>The largest batch under the budget (null when none fits).</summary>
    public BudgetRun? AtBatch { get; init; }

    /// <summary>
    /// Inference on CUDA: the largest batch a single forward from a clean cache runs, when it is more than
    /// <see cref="Batch"/> (which holds for repeated forwards, as a serving loop runs them: the first forward leaves the
    /// cache split in blocks the next cannot all reuse); null when they agree.
    /// </summary>
    public long? FirstForwardBatch { get; init; }

    /// <summary>The next batch under the budget: it does not fit (null past the search's end).</summary>
    public BudgetRun? AtNextBatch { get; init; }
}
