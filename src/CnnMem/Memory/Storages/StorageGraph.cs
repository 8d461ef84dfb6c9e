using System.Collections.Immutable;
using CnnMem.Memory.Models;

namespace CnnMem.Memory.Storages;

/// <summary>
/// The network as blocks of memory: every tensor mapped to a storage (views and in-place results share
/// their input's), and per node what it allocates, keeps and frees. Built by <see cref="StorageGraphBuilder"/>
/// for one mode (training or inference); the simulators only walk it.
/// </summary>
internal sealed record StorageGraph(
    ImmutableArray<Storage> Storages,
    IReadOnlyDictionary<string, int> TensorStorage,
    ImmutableArray<NodeMemory> Nodes,
    ImmutableArray<int> LastForwardReader,
    ImmutableHashSet<int> HeldOutputs)
{
    /// <summary>Bytes of every trainable parameter (each shared tensor once): the gradient bytes.</summary>
    public long TrainableParamBytes { get; init; }

    /// <summary>Trainable parameter tensors (Adam keeps a 4-byte step tensor for each).</summary>
    public int TrainableParamTensors { get; init; }

    /// <summary>The largest trainable parameter tensor (optimizers' per-tensor temporaries scale with it).</summary>
    public long LargestParamBytes { get; init; }

    /// <summary>All parameter bytes, trainable or frozen.</summary>
    public long ParamBytes { get; init; }

    public long BufferBytes { get; init; }

    public long InputBytes { get; init; }

    /// <summary>Rows x classes of the output the loss reads (cross-entropy on logits), 0 when there is none.</summary>
    public long LossRows { get; init; }

    public long LossClasses { get; init; }

    /// <summary>Bytes of one element of the logits (the loss's log-softmax has the same type).</summary>
    public int LossElementBytes { get; init; } = 4;

    /// <summary>Autocast's half-precision copies of the weights conv/linear/matmul read (cached for the forward, kept by their backward).</summary>
    public long CastWeightBytes { get; init; }

    /// <summary>The output the loss reads (the logits), when there is one.</summary>
    public string? LossTensor { get; init; }
}
