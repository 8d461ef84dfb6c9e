namespace CnnMem.Reports;

/// <summary>
/// Memory at one batch size: inference and one training step (null without a training model), bytes, on the report's
/// backend. With a device the figures are the memory under its budget (<see cref="BudgetRun.Bytes"/>: what the batch
/// takes there, or the least budget it runs in), and the unconstrained figures are beside them.
/// </summary>
public sealed record BatchSweepPoint
{
    /// <summary>The batch size.</summary>
    public required long Batch { get; init; }

    /// <summary>Inference at this batch, bytes.</summary>
    public required long InferenceBytes { get; init; }

    /// <summary>One training step at this batch, bytes; null without a training model.</summary>
    public required long? TrainingBytes { get; init; }

    /// <summary>With a device: inference when the memory is there (null without a device: <see cref="InferenceBytes"/> is that figure).</summary>
    public long? InferenceUnconstrainedBytes { get; init; }

    /// <summary>With a device: the training step when the memory is there.</summary>
    public long? TrainingUnconstrainedBytes { get; init; }
}
