namespace CnnMem.Memory;

/// <summary>How the framework model runs the network: backend, precision, checkpointing and device overheads.</summary>
public sealed record MemoryOptions
{
    public Framework Framework { get; init; } = Framework.PyTorch113;

    public Backend Backend { get; init; } = Backend.Cpu;

    /// <summary>CPU only: whether oneDNN (mkldnn) convolutions are enabled (PyTorch's default).</summary>
    public bool Mkldnn { get; init; } = true;

    /// <summary>CPU only: intra-op threads; PyTorch 1.13 picks oneDNN for 1x1 convolutions only when more than one.</summary>
    public int CpuThreads { get; init; } = 1;

    /// <summary>Autocast: fp32 master weights and gradients, half activations for conv/linear/matmul.</summary>
    public bool MixedPrecision { get; init; }

    /// <summary>Activation checkpointing: 0 = off, K = a checkpoint every K layers, -1 = every sqrt(n) layers.</summary>
    public int CheckpointEvery { get; init; }

    /// <summary>Treat an op that can run in place as in place when nothing else reads its input (torchvision's ReLU(inplace=True)).</summary>
    public bool InferInPlace { get; init; } = true;

    /// <summary>Arena alignment for the inference plan.</summary>
    public long Alignment { get; init; } = 64;

    /// <summary>CUDA context and kernels, reserved before any tensor (device view).</summary>
    public long CudaContextBytes { get; init; } = 300_000_000;

    /// <summary>cuDNN's workspace limit per convolution.</summary>
    public long CudnnWorkspaceLimitBytes { get; init; } = 1L << 30;
}
