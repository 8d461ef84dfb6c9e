namespace CnnMem.Memory;

/// <summary>
/// The largest batch whose memory fits the budget (0 when even batch 1 does not), the memory it needs, the headroom
/// left, and the memory at the next batch (which does not fit).
/// </summary>
internal sealed record FitResult(string Mode, long Budget, long Batch, long BytesAtBatch, long BytesAtNextBatch)
{
    public long HeadroomBytes => Batch == 0 ? 0 : Budget - BytesAtBatch;
}
