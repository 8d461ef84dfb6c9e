using CnnMem.Memory.Models;

namespace CnnMem.Memory.Profiles;

/// <summary>
/// One framework version on one backend, as data: the defaults and mechanisms the memory model reads. Every
/// difference between PyTorch 1.13 and 2.x, CPU and CUDA, that matters for memory is a field here, never a
/// branch on the version elsewhere. <see cref="FrameworkProfiles"/> holds the profiles and says where each
/// figure comes from.
/// </summary>
internal sealed record FrameworkProfile(Framework Framework, Backend Backend, string Label)
{
    /// <summary><c>zero_grad()</c>'s default: set to None (2.x) or zero in place (1.13).</summary>
    public ZeroGradMode ZeroGrad { get; init; } = ZeroGradMode.Zero;

    /// <summary>Whether optimizers take the multi-tensor (foreach) path by default (2.x on CUDA).</summary>
    public bool ForeachOptimizers { get; init; }

    /// <summary>Dropout's saved mask is a 1-byte bool (CUDA's native dropout) rather than a float of the activation's type.</summary>
    public bool BoolDropoutMask { get; init; }

    /// <summary>Max pooling without autograd still computes int64 indices (PyTorch 1.13's CPU kernel).</summary>
    public bool PoolingIndicesWithoutGrad { get; init; }

    public ConvWorkspaceModel ConvWorkspace { get; init; } = ConvWorkspaceModel.OneDnnOrIm2Col;

    /// <summary>The caching allocator (CUDA only; null on CPU, whose allocator hands out exactly what is asked).</summary>
    public AllocatorProfile? Allocator { get; init; }

    /// <summary>cuBLAS's workspace per handle, allocated through the caching allocator at first use and kept.</summary>
    public long BlasWorkspaceBytes { get; init; }

    /// <summary>Threads with their own cuBLAS handle and workspace: the forward (Python) thread and autograd's device thread.</summary>
    public int BlasHandles { get; init; }

    /// <summary>Other allocations the libraries make through the allocator at first use and keep (measured, not derived).</summary>
    public long OtherLibraryBytes { get; init; }

    /// <summary>Device memory held outside the allocator once CUDA, cuBLAS and cuDNN are loaded (context, kernels, handles).</summary>
    public long ContextBytes { get; init; }

    /// <summary>Adam's, AdamW's and Adagrad's 4-byte <c>step</c> tensors live on this device (PyTorch keeps them on the CPU unless capturable).</summary>
    public bool OptimizerStepTensorsOnDevice { get; init; }

    /// <summary>Attention runs in fused kernels (scaled_dot_product_attention) that save a log-sum-exp, not the attention matrix.</summary>
    public bool FusedAttention { get; init; }
}
