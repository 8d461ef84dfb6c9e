using System.Collections.Immutable;
using CnnMem.Core;

namespace CnnMem.Memory;

/// <summary>What a fused PyTorch op keeps for backward, charged to one node of its exported decomposition: existing tensors by name and new ones.</summary>
public sealed record FusedSave(ImmutableArray<string> Tensors, ImmutableArray<TensorInfo> Extras)
{
    /// <summary>An inner node of the decomposition: the fused kernel never materializes its output.</summary>
    public bool Inner { get; init; }
}
