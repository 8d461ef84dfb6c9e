namespace CnnMem.Tests.Memory;

/// <summary>
/// One fit check as compare_gpu.py does it: the batch cnnmem names for a mode (null when fit failed, with the reason in
/// <paramref name="Problem"/>) must fit on the GPU (at most the largest batch measured to fit) and be at least
/// <paramref name="MinShare"/> of it (97% for training, 90% for inference).
/// </summary>
public sealed record GpuFitRow(string Model, string Mode, long MeasuredMaxBatch, long? Predicted, double MinShare, string? Problem = null)
{
    /// <summary>|predicted - measured| / measured, with a missing prediction counted as 0 (compare_gpu.py's 'fit' statistic).</summary>
    public double AbsError => Math.Abs((double)((Predicted ?? 0) - MeasuredMaxBatch)) / MeasuredMaxBatch;

    public bool Within => Predicted is { } p && p <= MeasuredMaxBatch && p >= MinShare * MeasuredMaxBatch;
}
