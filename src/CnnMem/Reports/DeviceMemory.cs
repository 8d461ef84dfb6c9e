namespace CnnMem.Reports;

/// <summary>
/// What a CUDA device needs, each part separate: the context, the cuDNN workspace limit, the static tensors and
/// the activation peaks after the caching allocator's rounding (512-byte blocks; small requests in 2 MiB segments,
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
/// <summary>Inference on the device: context, static tensors and the rounded activation peak.</summary>
    public long InferenceTotalBytes => checked(ContextBytes + StaticBytes + InferencePeakRoundedBytes);

/// <summary>A training step on the device: context, static tensors and the rounded steady-state peak.</summary>
    public long TrainingTotalBytes => checked(ContextBytes + StaticBytes + TrainingSteadyPeakRoundedBytes);
}
