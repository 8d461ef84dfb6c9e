namespace CnnMem.Reports;

/// <summary>
/// What a CUDA device needs, each part separate: the context, the cuDNN workspace limit, the static tensors and
/// (training's, labels included; inference has its own) and the activation peaks after the caching allocator's rounding (512-byte blocks; small requests in 2 MiB segments,
/// 1-10 MiB in 20 MiB segments, larger rounded to 2 MiB), and the bytes that rounding adds.
/// </summary>
public sealed record DeviceMemory(
    long ContextBytes,
    long WorkspaceLimitBytes,
    long StaticBytes,
    long InferencePeakRoundedBytes,
    long InferenceRoundingBytes,
    long TrainingSteadyPeakRoundedBytes,
    long TrainingRoundingBytes)
{
    /// <summary>What inference holds before its first op: weights, buffers and the input. No labels: <see cref="StaticBytes"/> is training's.</summary>
    public long InferenceStaticBytes { get; init; }

    public long InferenceTotalBytes => checked(ContextBytes + InferenceStaticBytes + InferencePeakRoundedBytes);

    public long TrainingTotalBytes => checked(ContextBytes + StaticBytes + TrainingSteadyPeakRoundedBytes);
}
