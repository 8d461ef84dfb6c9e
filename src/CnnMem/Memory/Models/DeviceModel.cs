using CnnMem.Inference;
using CnnMem.Memory.Cuda;
using CnnMem.Reports;
using CnnMem.Memory.Allocators;
using CnnMem.Memory.Profiles;
using CnnMem.Memory.Storages;

namespace CnnMem.Memory.Models;

/// <summary>
/// The CUDA device view, from the replays of <see cref="CudaReplay"/>:
/// 1. the framework model's figures on CUDA are what the caching allocator counts (blocks, not requests);
/// 2. the difference from the requested bytes is the allocator's rounding;
/// 3. the reserved peaks, memory outside the allocator and the cuDNN workspace limit are separate parts.
/// </summary>
internal static class DeviceModel
{
    // the allocator's constants, read once: Round runs for every tensor of both models on CUDA
    private static readonly long MinLargeAlloc = new AllocatorProfile().MinLargeAlloc;

    /// <summary>A request's block in the caching allocator, without the unsplit remainders a replay also counts.</summary>
    public static long Round(long bytes)
    {
        var block = CachingAllocator.Block(bytes);
        return block >= MinLargeAlloc ? CachingAllocator.Segment(bytes) : block;
    }

    public static DeviceMemory Compute(MemoryOptions options, CudaRun inference, CudaRun? training, InferenceMemory requestedInference, TrainingMemory? requestedTraining)
    {
        var p = options.Profile;
        var library = checked((p.BlasHandles * options.EffectiveBlasWorkspaceBytes) + p.OtherLibraryBytes);
        return new DeviceMemory
        {
            ContextBytes = options.EffectiveContextBytes,
            WorkspaceLimitBytes = options.CudnnWorkspaceLimitBytes ?? 0,
            StaticBytes = training?.StaticAllocated ?? inference.StaticAllocated,
            InferencePeakRoundedBytes = inference.PeakAboveStatic,
            InferenceRoundingBytes = inference.PeakAboveStatic - requestedInference.ActivationPeakBytes,
            TrainingSteadyPeakRoundedBytes = training?.PeakAboveStatic ?? 0,
            TrainingRoundingBytes = training is null || requestedTraining is null ? 0 : training.PeakAboveStatic - requestedTraining.SteadyPeakBytes,
            LibraryWorkspaceBytes = library,
            InferenceStaticAllocatedBytes = inference.StaticAllocated,
            InferenceReservedPeakBytes = inference.ReservedPeak,
            TrainingReservedPeakBytes = training?.ReservedPeak ?? 0,
            // labels are training's: inference never holds them
            InferenceStaticBytes = checked(requestedInference.WeightBytes + requestedInference.BufferBytes + requestedInference.InputBytes),
        };
    }

    /// <summary>The inference figures as the allocator counts them.</summary>
    public static InferenceMemory OnDevice(InferenceMemory m, CudaRun run, StorageGraph g) =>
        m with { ActivationPeakBytes = run.PeakAboveStatic, PeakAtLayer = InferenceModel.StepName(g, run.ForwardAt) };

    /// <summary>The training step's figures as the allocator counts them (gradients and state in whole blocks).</summary>
    public static TrainingMemory OnDevice(TrainingMemory t, CudaRun run, StorageGraph g, MemoryOptions options)
    {
        var grads = CudaReplay.Parameters(g).Aggregate(0L, (a, x) => checked(a + Round(x.Bytes)));
        var state = checked(OptimizerModel.Profile(options).Slots * grads);
        var zero = options.EffectiveZeroGrad == ZeroGradMode.Zero;
        var temp = Math.Max(0, run.StepPeak - (zero ? 0 : grads));
        return t with
        {
            ForwardPeakBytes = run.ForwardPeak,
            ForwardPeakAt = InferenceModel.StepName(g, run.ForwardAt),
            AfterForwardBytes = run.AfterForward,
            BackwardPeakBytes = run.BackwardPeak,
            BackwardPeakAt = StepName(g, run.BackwardAt),
            SteadyBackwardPeakBytes = run.BackwardPeak,
            GradientBytes = grads,
            OptimizerStateBytes = state,
            OptimizerStepTemporaryBytes = temp,
            StepPeakBytes = checked(grads + state + temp),
            SteadyPeakBytes = run.PeakAboveStatic,
            PersistentBytes = checked(g.ParamBytes + g.BufferBytes + grads + state),
        };
    }

    private static string StepName(StorageGraph g, int step)
    {
        var n = g.Nodes.Length;
        return step < 0 ? "" : step == n ? "loss" : step > (2 * n) + 1 ? RecomputedName(g.Nodes[step - (2 * n) - 2].Name)
            : step > 2 * n ? "optimizer step" : step > n ? g.Nodes[(2 * n) - step].Name : g.Nodes[step].Name;
    }

    /// <summary>How a node's re-run forward (activation checkpointing) is named in the report and the timeline.</summary>
    internal static string RecomputedName(string node) => $"{node} (recomputed)";
}
