using System.Collections.Immutable;

namespace CnnMem.Memory.Models;

/// <summary>
/// What one node does to memory in the framework model: the storages it allocates, what it keeps for
/// backward, which gradients its backward produces, and its backend workspaces.
/// </summary>
internal sealed record NodeMemory(int Index, string Name, string Op)
{
    /// <summary>Outputs that need new memory (not views, not in place).</summary>
    public ImmutableArray<int> Allocates { get; init; } = ImmutableArray<int>.Empty;

    /// <summary>Tensors allocated only to keep for backward (training only).</summary>
    public ImmutableArray<int> Extras { get; init; } = ImmutableArray<int>.Empty;

    /// <summary>Every storage this node keeps for backward (deduplicated).</summary>
    public ImmutableArray<int> Saved { get; init; } = ImmutableArray<int>.Empty;

    /// <summary>Outputs that carry a gradient back (float, requiring grad).</summary>
    public ImmutableArray<string> GradOutputs { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>Activation inputs whose gradient this node's backward allocates.</summary>
    public ImmutableArray<GradTarget> GradInputs { get; init; } = ImmutableArray<GradTarget>.Empty;

    /// <summary>Trainable parameters whose gradient this node's backward allocates (the last reader in forward order).</summary>
    public ImmutableArray<GradTarget> ParamGrads { get; init; } = ImmutableArray<GradTarget>.Empty;

    /// <summary>True for views: the input's gradient is a view of the output's (no new memory).</summary>
    public bool PassesGradThrough { get; init; }

    /// <summary>Bytes the forward kernel allocates and frees inside the op (im2col, oneDNN copies, inference pooling indices).</summary>
    public long ForwardWorkspace { get; init; }

    /// <summary>Bytes the backward kernel allocates and frees inside the op.</summary>
    public long BackwardWorkspace { get; init; }

    /// <summary>
    /// cuDNN's backward-data call's workspace (a CUDA convolution): allocated after the input's gradient and freed
    /// before the weight's gradient exists; with <see cref="BackwardFilterWorkspace"/> it replaces
    /// <see cref="BackwardWorkspace"/> in the allocation trace (which keeps the larger of the two).
    /// </summary>
    public long BackwardDataWorkspace { get; init; }

    /// <summary>cuDNN's backward-filter call's workspace: allocated after the weight's gradient, freed when the call returns.</summary>
    public long BackwardFilterWorkspace { get; init; }

    /// <summary>
    /// Whether backward makes the backward-data call: only when the input needs a gradient (derivatives.yaml's
    /// <c>convolution_backward(..., grad_input_mask)</c>; ConvShared.cpp calls <c>cudnn_convolution_backward_input</c>
    /// only for <c>output_mask[0]</c>), so never for a convolution on the image. The trace and the report both ask this.
    /// </summary>
    public bool MakesBackwardDataCall => !PassesGradThrough && GradInputs.Length > 0;

    /// <summary>Whether backward makes the backward-filter call: only when a parameter of the node needs a gradient (<c>output_mask[1]</c>).</summary>
    public bool MakesBackwardFilterCall => ParamGrads.Length > 0;

    /// <summary>Under autocast, the half-precision copies of weights this node casts first (cached for the forward; its backward keeps them).</summary>
    public ImmutableArray<GradTarget> CastWeights { get; init; } = ImmutableArray<GradTarget>.Empty;

    /// <summary>True when the output reuses input 0's memory (in place).</summary>
    public bool InPlace { get; init; }
}
