using CnnMem.Core;
using CnnMem.Inference;
using CnnMem.Memory;
using CnnMem.Memory.Cuda;

namespace CnnMem.Pipeline;

/// <summary>
/// The one place that decides how a mode's memory is found: on a backend whose profile has a caching allocator the
/// CUDA replay (<see cref="CudaReplay"/>), except a training step with activation checkpointing, which the plain model
/// computes (the replay does not recompute segments); elsewhere the plain models (<see cref="InferenceModel"/>,
/// <see cref="TrainingModel"/>). The analyzer, the fit and the batch searches all ask it.
/// </summary>
internal static class MemoryEstimator
{
    /// <summary>Whether inference (<paramref name="optimizer"/> null) or a training step is replayed on the allocator.</summary>
    public static bool Replays(MemoryOptions options, Optimizer? optimizer) =>
        options.Profile.Allocator is not null && (optimizer is null || options.CheckpointEvery == 0);

    /// <summary>The training replay, or null where the plain model decides.</summary>
    public static CudaRun? TrainingRun(InferenceResult inference, MemoryOptions options, Optimizer optimizer) =>
        Replays(options, optimizer) ? CudaReplay.Training(inference, options, optimizer) : null;

    /// <summary>The inference replay, or null where the plain model decides.</summary>
    public static CudaRun? InferenceRun(InferenceResult inference, MemoryOptions options) =>
        Replays(options, null) ? CudaReplay.Inference(inference, options) : null;
}
