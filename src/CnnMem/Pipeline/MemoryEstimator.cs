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
    /// <summary>Whether inference or a training step (<paramref name="training"/>) is replayed on the allocator.</summary>
    public static bool Replays(MemoryOptions options, bool training) =>
        options.Profile.Allocator is not null && (!training || options.CheckpointEvery == 0);

    /// <summary>The training replay (with the options' optimizer), or null where the plain model decides.</summary>
    public static CudaRun? TrainingRun(InferenceResult inference, MemoryOptions options) =>
        Replays(options, training: true) ? CudaReplay.Training(inference, options) : null;

    /// <summary>The inference replay, or null where the plain model decides.</summary>
    public static CudaRun? InferenceRun(InferenceResult inference, MemoryOptions options) =>
        Replays(options, training: false) ? CudaReplay.Inference(inference, options) : null;
}
