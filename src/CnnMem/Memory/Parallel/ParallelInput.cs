using System.Collections.Immutable;
using CnnMem.Reports;

namespace CnnMem.Memory.Parallel;

/// <summary>
/// What the per-device model reads from the single-device analysis: the training step of one micro-batch
/// (activation peaks, gradients, optimizer state, static bytes), the parameters in forward order with their nodes,
/// the optimizer, whether autocast / half precision is on, and on CUDA the context and the step's rounding.
/// </summary>
internal sealed record ParallelInput(
    TrainingMemory Training,
    ImmutableArray<ParamEntry> Params,
    Optimizer Optimizer,
    bool MixedPrecision,
    long MicroBatch)
{
    /// <summary>CUDA backend: the context size (null on CPU: no reserved figure).</summary>
    public long? CudaContextBytes { get; init; }

    /// <summary>CUDA backend: what the caching allocator's rounding adds to the single-device step (the device view).</summary>
    public long StepRoundingBytes { get; init; }
}
