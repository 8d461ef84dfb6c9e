using CnnMem.Memory.Profiles;

namespace CnnMem;

/// <summary>How the framework model runs the network: backend, precision, checkpointing and device overheads.</summary>
public sealed record MemoryOptions
{
    /// <summary>
    /// PyTorch 1.13 on the CPU, the setup the CPU oracle measured (the library's default before it became the CLI's):
    /// <c>new MemoryOptions { Framework = Framework.PyTorch113, Backend = Backend.Cpu }</c>.
    /// </summary>
    public static MemoryOptions PyTorch113Cpu { get; } = new() { Framework = Framework.PyTorch113, Backend = Backend.Cpu };

    /// <summary>The framework version: PyTorch 2.x by default (what people run today; the CLI's and the web page's default too).</summary>
    public Framework Framework { get; init; } = Framework.PyTorch2;

    /// <summary>The profile of <see cref="Framework"/> on <see cref="Backend"/>: defaults and mechanisms as data.</summary>
    internal FrameworkProfile Profile => FrameworkProfiles.For(Framework, Backend);

    /// <summary>What zero_grad does; null keeps the profile's default.</summary>
    public ZeroGradMode? ZeroGrad { get; init; }

    /// <summary>The multi-tensor (foreach) optimizer path; null keeps the profile's default.</summary>
    public bool? Foreach { get; init; }

    /// <summary>Autocast's lower-precision type: float16 (with a GradScaler) or bfloat16.</summary>
    public DType AmpDType { get; init; } = DType.Float16;

    /// <summary>PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True: the large pool grows one segment per stream page by page.</summary>
    public bool ExpandableSegments { get; init; }

    /// <summary>zero_grad's effective mode.</summary>
    public ZeroGradMode EffectiveZeroGrad => ZeroGrad ?? Profile.ZeroGrad;

    /// <summary>Whether the optimizer takes the foreach path.</summary>
    public bool EffectiveForeach => Foreach ?? Profile.ForeachOptimizers;

    /// <summary>Device memory outside the allocator: the option when given, else the profile's measured figure.</summary>
    public long EffectiveContextBytes => CudaContextBytes ?? Profile.ContextBytes;

    /// <summary>Where the framework runs: CUDA (the default, as in the CLI and the web page: cuDNN workspaces, the caching allocator) or CPU.</summary>
    public Backend Backend { get; init; } = Backend.Cuda;

    /// <summary>CPU only: whether oneDNN (mkldnn) convolutions are enabled (PyTorch's default).</summary>
    public bool Mkldnn { get; init; } = true;

    /// <summary>CPU only: intra-op threads; PyTorch 1.13 picks oneDNN for 1x1 convolutions only when more than one.</summary>
    public int CpuThreads { get; init; } = 1;

    /// <summary>Autocast: fp32 master weights and gradients, half activations for conv/linear/matmul.</summary>
    public bool MixedPrecision { get; init; }

    /// <summary>Activation checkpointing: 0 = off, K = a checkpoint every K layers, -1 = every sqrt(n) layers.</summary>
    public int CheckpointEvery { get; init; }

    /// <summary>
    /// Treat an op that can run in place as in place when nothing else reads its input. Off by default: an ONNX file
    /// does not say whether a module was built with <c>inplace=True</c>, and PyTorch's default is not in place. The
    /// GPU measurements agree: hand-written networks (nn.ReLU()) hold both tensors, and torchvision's (ReLU(inplace=True))
    /// peak the same either way, because a convolution's or BatchNorm's output already sits beside the activation.
    /// </summary>
    public bool InferInPlace { get; init; }

    /// <summary>Arena alignment for the inference plan.</summary>
    public long Alignment { get; init; } = 64;

    /// <summary>CUDA context, kernels and library handles, held outside the allocator; null: the profile's measured figure.</summary>
    public long? CudaContextBytes { get; init; }

    /// <summary>A cap on each convolution's cuDNN workspace (<c>--workspace-limit</c>); null: none, as PyTorch sets none.</summary>
    public long? CudnnWorkspaceLimitBytes { get; init; }

    /// <summary>
    /// <c>torch.backends.cudnn.benchmark = True</c> (<c>--cudnn-benchmark</c>): cuDNN times the algorithms and keeps the
    /// fastest, whose workspace can differ from the heuristics' choice; a key of the workspace table.
    /// </summary>
    public bool CudnnBenchmark { get; init; }

    /// <summary>Channels-last tensors (<c>model.to(memory_format=torch.channels_last)</c>, <c>--channels-last</c>): a key of the workspace table.</summary>
    public bool ChannelsLast { get; init; }

    /// <summary>The GPU architecture whose cuDNN measurements apply (e.g. <c>sm_90</c>); null: <see cref="GpuArch"/>'s, else the CUDA profile's, <c>sm_90</c>.</summary>
    public string? CudnnArch { get; init; }

    /// <summary>
    /// The GPU's architecture (compute capability as <c>sm_XY</c>; set from <c>--device</c>); null: the architecture the
    /// CUDA profile was measured on, <c>sm_90</c>. It decides cuBLAS's workspace size and which measurements are borrowed.
    /// </summary>
    public string? GpuArch { get; init; }

    /// <summary>The architecture whose cuDNN measurements apply: <see cref="CudnnArch"/>, else <see cref="EffectiveGpuArch"/>.</summary>
    internal string EffectiveCudnnArch => CudnnArch ?? EffectiveGpuArch;

    /// <summary>The architecture the model follows: <see cref="GpuArch"/>, else the measured one.</summary>
    internal string EffectiveGpuArch => GpuArch ?? GpuArchitectures.MeasuredArch;

    /// <summary>cuBLAS's workspace per handle: the measured profile's on its own architecture, else PyTorch's rule for <see cref="GpuArch"/>.</summary>
    internal long EffectiveBlasWorkspaceBytes => GpuArch is { } a && Profile.BlasWorkspaceBytes > 0 ? GpuArchitectures.CublasWorkspaceBytes(a) : Profile.BlasWorkspaceBytes;

    /// <summary>
    /// The optimizer whose state and step the training models count, travelling with the rest of the setup: set from
    /// <see cref="AnalysisOptions.Optimizer"/>, which keeps its <see cref="AnalysisOptions.Memory"/> in step
    /// with it (not API: library users set the analysis options' optimizer).
    /// </summary>
    internal Optimizer Optimizer { get; init; } = Optimizer.Sgd;

    /// <summary>The cuDNN workspace table (<c>--cudnn-table</c>); null: the one built into the library.</summary>
    internal Memory.Cudnn.CudnnWorkspaceTable? CudnnTable { get; init; }
}
