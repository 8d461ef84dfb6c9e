using CnnMem.Inference;
using CnnMem.Memory.Models;

namespace CnnMem.Memory.Storages;

/// <summary>
/// The storage graphs of one inference result, each built once (<see cref="StorageGraphBuilder.Build"/> is a pure
/// function of the result, the options and the pass) and shared by every model that reads it: on CUDA the inference
/// and training models, their replays and the device view read the same two graphs. An entry lives as long as its
/// inference result (<see cref="Derived"/>).
/// </summary>
internal static class StorageGraphs
{
    internal static StorageGraph Of(InferenceResult inference, MemoryOptions options, bool training) =>
        Derived.Of(inference, (nameof(StorageGraph), options, training), () => StorageGraphBuilder.Build(inference, options, training));

    /// <summary>Activation checkpointing's segments over the training graph, or null without checkpointing.</summary>
    internal static CheckpointSegments? Checkpoint(InferenceResult inference, MemoryOptions options) =>
        options.CheckpointEvery == 0
            ? null
            : Derived.Of(inference, (nameof(CheckpointSegments), options), () => CheckpointSegments.Of(Of(inference, options, training: true), options.CheckpointEvery));

    /// <summary>The facts both graphs of <paramref name="inference"/> read (<see cref="StorageFacts"/>), found once.</summary>
    internal static StorageFacts Facts(InferenceResult inference, bool fusedAttention) =>
        Derived.Of(inference, (nameof(StorageFacts), fusedAttention), () => new StorageFacts(inference, fusedAttention));
}
