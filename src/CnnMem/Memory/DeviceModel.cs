using CnnMem.Core;
using CnnMem.Inference;
using CnnMem.Reports;

namespace CnnMem.Memory;

/// <summary>
/// The CUDA device view:
/// 1. every planned tensor rounded as the caching allocator rounds it (<see cref="Round"/>);
/// 2. inference and training peaks recomputed with rounded sizes; the difference is the rounding overhead;
/// 3. the CUDA context and the cuDNN workspace limit are added as separate parts.
/// </summary>
public static class DeviceModel
{
    /// <summary>Blocks of 512 bytes; requests of 10 MiB and more occupy whole 2 MiB pages of their own segment.</summary>
    public static long Round(long bytes)
    {
        var block = CachingAllocator.Block(bytes);
        return block >= CachingAllocator.MinLargeAlloc ? ArenaPlanners.Align(block, CachingAllocator.RoundLarge) : block;
    }

    public static DeviceMemory Compute(InferenceResult inference, MemoryOptions options, Optimizer optimizer, InferenceMemory plainInference, TrainingMemory? plainTraining)
    {
        var inf = InferenceModel.Compute(inference, options, Round);
        var train = plainTraining is null ? null : TrainingModel.Compute(inference, options, optimizer, Round);
        return new DeviceMemory(
            options.EffectiveContextBytes,
            options.CudnnWorkspaceLimitBytes,
            plainTraining?.StaticBytes ?? plainInference.WeightBytes + plainInference.BufferBytes + plainInference.InputBytes,
            inf.ActivationPeakBytes,
            inf.ActivationPeakBytes - plainInference.ActivationPeakBytes,
            train?.SteadyPeakBytes ?? 0,
            train is null || plainTraining is null ? 0 : train.SteadyPeakBytes - plainTraining.SteadyPeakBytes);
    }
}
