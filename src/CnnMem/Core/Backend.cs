namespace CnnMem;

/// <summary>Where the framework runs: decides workspaces (im2col / oneDNN copies vs cuDNN) and dropout mask types.</summary>
public enum Backend
{
    /// <summary>PyTorch on CPU (oneDNN or the native im2col convolution), what the oracle measured.</summary>
    Cpu,

    /// <summary>PyTorch on CUDA: cuDNN workspaces, bool dropout masks, the caching allocator.</summary>
    Cuda,
}
