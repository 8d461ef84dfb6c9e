namespace CnnMem.Reports;

/// <summary>A GPU's memory and the largest inference and training batches that fit it (0: not even batch 1; null: no training model).</summary>
public sealed record DeviceFit
{
    /// <summary>The GPU's name (a <c>fit --list-devices</c> name).</summary>
    public required string Name { get; init; }

    /// <summary>The GPU's memory, bytes.</summary>
    public required long Bytes { get; init; }

    /// <summary>The largest inference batch that fits (0: not even batch 1).</summary>
    public required long MaxInferenceBatch { get; init; }

    /// <summary>The largest training batch that fits (0: not even batch 1; null: no training model).</summary>
    public required long? MaxTrainingBatch { get; init; }
}
