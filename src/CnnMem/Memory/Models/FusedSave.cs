using System.Collections.Immutable;
using CnnMem.Core;

namespace CnnMem.Memory.Models;

/// <summary>What a fused PyTorch op keeps for backward, charged to one node of its exported decomposition: existing tensors by name and new ones.</summary>
internal sealed record FusedSave(ImmutableArray<string> Tensors, ImmutableArray<TensorInfo> Extras)
{
    /// <summary>An inner node of the decomposition: the fused kernel never materializes its output (in inference).</summary>
    public bool Inner { get; init; }

    /// <summary>An inner node whose output training never materializes (fused attention's scores and probabilities, nor their gradients).</summary>
    public bool NeverMaterialized { get; init; }

    /// <summary>The input the node writes its result into (PyTorch's linear adds its bias with <c>add_</c> into the matmul's output).</summary>
    public int? InPlaceInput { get; init; }
}
