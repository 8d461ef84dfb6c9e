namespace CnnMem.Reports;

/// <summary>
/// The settings the framework model ran with, echoed in the report so every figure can be traced to
/// them (<c>memory.model</c> in JSON).
/// </summary>
/// <param name="Framework">Whose semantics: "pytorch-2" or "pytorch-1.13".</param>
/// <param name="Backend">"cpu" or "cuda".</param>
/// <param name="Mkldnn">CPU: whether oneDNN convolutions were modelled.</param>
/// <param name="Threads">CPU intra-op threads (PyTorch's convolution backend choice depends on it).</param>
/// <param name="MixedPrecision">Autocast: half activations for conv/linear/matmul, fp32 master weights.</param>
/// <param name="CheckpointEvery">Activation checkpointing: 0 off, K every K layers, -1 every sqrt(n) layers.</param>
/// <param name="Alignment">Arena alignment of the inference plans, bytes.</param>
public sealed record MemoryModelSettings(
    string Framework,
    string Backend,
    bool Mkldnn,
    int Threads,
    bool MixedPrecision,
    int CheckpointEvery,
    long Alignment)
{
    /// <summary>The profile's name, e.g. "PyTorch 2.x, cuda".</summary>
    public string Profile { get; init; } = "";

    /// <summary>What zero_grad does between steps: "set-to-none" or "zero".</summary>
    public string ZeroGrad { get; init; } = "zero";

    /// <summary>Whether the optimizer takes the multi-tensor (foreach) path.</summary>
    public bool Foreach { get; init; }

    /// <summary>Autocast's half type ("float16" or "bfloat16") when mixed precision is on, else null.</summary>
    public string? AmpDType { get; init; }

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
