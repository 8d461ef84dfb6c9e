namespace CnnMem.Reports;

/// <summary>
/// The settings the framework model ran with, echoed in the report so every figure can be traced to
/// them (<c>memory.model</c> in JSON).
/// </summary>
public sealed record MemoryModelSettings
{
    /// <summary>Whose semantics (JSON: "pytorch-2" or "pytorch-1.13").</summary>
    public required Framework Framework { get; init; }

    /// <summary>Where the framework runs (JSON: "cpu" or "cuda").</summary>
    public required Backend Backend { get; init; }

    /// <summary>CPU: whether oneDNN convolutions were modelled.</summary>
    public required bool Mkldnn { get; init; }

    /// <summary>CPU intra-op threads (PyTorch's convolution backend choice depends on it).</summary>
    public required int Threads { get; init; }

    /// <summary>Autocast: half activations for conv/linear/matmul, fp32 master weights.</summary>
    public required bool MixedPrecision { get; init; }

    /// <summary>Activation checkpointing: 0 off, K every K layers, -1 every sqrt(n) layers.</summary>
    public required int CheckpointEvery { get; init; }

    /// <summary>Arena alignment of the inference plans, bytes.</summary>
    public required long Alignment { get; init; }

    /// <summary>The profile's name, e.g. "PyTorch 2.x, cuda".</summary>
    public string Profile { get; init; } = "";

    /// <summary>What zero_grad does between steps (JSON: "set-to-none" or "zero").</summary>
    public ZeroGradMode ZeroGrad { get; init; } = ZeroGradMode.Zero;

    /// <summary>Whether the optimizer takes the multi-tensor (foreach) path.</summary>
    public bool Foreach { get; init; }

    /// <summary>Autocast's half type (float16 or bfloat16) when mixed precision is on, else null.</summary>
    public DType? AmpDType { get; init; }

    /// <summary>CUDA: whether the allocator uses expandable segments.</summary>
    public bool ExpandableSegments { get; init; }

    /// <summary>CUDA: the GPU architecture the model followed (sm_XY: the device's, else the measured one); null on the CPU.</summary>
    public string? GpuArch { get; init; }

    /// <summary>CUDA: the GPU the profile's measurements (context, cuDNN table, allocator) come from.</summary>
    public string? ProfileMeasuredOn { get; init; }

    /// <summary>CUDA: true when <see cref="GpuArch"/> has no measurements of its own and borrows those of <see cref="ProfileMeasuredOn"/>.</summary>
    public bool ProfileBorrowed { get; init; }

    /// <summary>CUDA: cuBLAS's workspace per handle on <see cref="GpuArch"/>, bytes (PyTorch's default for it).</summary>
    public long? BlasWorkspaceBytes { get; init; }
}
