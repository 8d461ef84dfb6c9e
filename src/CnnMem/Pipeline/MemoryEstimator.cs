using CnnMem.Inference;
using CnnMem.Memory.Cuda;
using CnnMem.Memory.Models;

namespace CnnMem.Pipeline;

/// <summary>
/// The one place that decides how a mode's memory is found: on a backend whose profile has a caching allocator the
/// CUDA replay (<see cref="CudaReplay"/>), activation checkpointing included (the replay re-runs the checkpointed
/// segments); elsewhere the plain models (<see cref="InferenceModel"/>,
/// <see cref="TrainingModel"/>). The analyzer, the fit and the batch searches all ask it.
/// </summary>
internal static class MemoryEstimator
{
    /// <summary>Whether inference and the training step are replayed on the allocator.</summary>
    public static bool Replays(MemoryOptions options) =>
        options.Profile.Allocator is not null;

    /// <summary>The training replay (with the options' optimizer), or null where the plain model decides.</summary>
    public static CudaRun? TrainingRun(InferenceResult inference, MemoryOptions options) =>
        Replays(options) ? CudaReplay.Training(inference, options) : null;

    /// <summary>The inference replay, or null where the plain model decides.</summary>
    public static CudaRun? InferenceRun(InferenceResult inference, MemoryOptions options) =>
        Replays(options) ? CudaReplay.Inference(inference, options) : null;
}
