namespace CnnMem.Ops;

/// <summary>
/// Memory an op's kernel allocates and frees inside the op, as a kind the op declares; the backend's model
/// (<c>Memory.Models.Workspaces</c>) turns a kind into bytes (im2col or oneDNN copies on CPU, cuDNN on CUDA).
/// </summary>
internal enum WorkspaceKind
{
    /// <summary>No kernel workspace.</summary>
    None,

    /// <summary>A convolution: im2col columns or blocked copies on CPU, a cuDNN algorithm's workspace on CUDA.</summary>
    Convolution,

    /// <summary>Max pooling: without autograd the CPU kernel of PyTorch 1.13 still computes int64 argmax indices.</summary>
    PoolingIndices,
}
