using CnnMem.Memory.Models;

namespace CnnMem.Memory.Profiles;

/// <summary>
/// The framework profiles cnnmem knows, and where each figure comes from:
/// - PyTorch 1.13 on CPU: the CPU oracle (Debian's torch 1.13.1, oneDNN 2.6.3; ../shared/oracle/README.md);
/// - PyTorch 2.x on CUDA: measured on an NVIDIA H200 with PyTorch 2.11, CUDA 13.0, cuDNN 9.19
///   (tests/CnnMem.Tests/TestData/oracle/gpu): 182.5 MB outside the allocator once cuDNN ran (96.5 MB after CUDA init,
///   165.7 MB once cuBLAS ran); cuBLAS workspaces of 32 MiB per handle (PyTorch sizes them by architecture; Hopper's);
///   1 MiB more that the libraries allocate at first use and keep (every run's static bytes exceed its tensors and
///   the two workspaces by 1 MiB plus rounding);
/// - PyTorch 1.13 on CUDA and 2.x on CPU: the same mechanisms with each version's defaults (not measured).
/// </summary>
internal static class FrameworkProfiles
{
    public const long MeasuredContextBytes = 182_500_000;

    public static readonly FrameworkProfile PyTorch113Cpu = new(Framework.PyTorch113, Backend.Cpu, "PyTorch 1.13, cpu")
    {
        PoolingIndicesWithoutGrad = true,
        OptimizerStepTensorsOnDevice = true,
    };

    public static readonly FrameworkProfile PyTorch2Cpu = PyTorch113Cpu with
    {
        Framework = Framework.PyTorch2,
        Label = "PyTorch 2.x, cpu",
        ZeroGrad = ZeroGradMode.SetToNone,
        FusedAttention = true,
    };

    public static readonly FrameworkProfile PyTorch2Cuda = new(Framework.PyTorch2, Backend.Cuda, "PyTorch 2.x, cuda")
    {
        ZeroGrad = ZeroGradMode.SetToNone,
        ForeachOptimizers = true,
        BoolDropoutMask = true,
        PoolingIndicesWithoutGrad = false,
        ConvWorkspace = ConvWorkspaceModel.Cudnn,
        Allocator = new AllocatorProfile(),
        BlasWorkspaceBytes = 32L << 20,
        BlasHandles = 2,
        OtherLibraryBytes = 1L << 20,
        ContextBytes = MeasuredContextBytes,
        FusedAttention = true,
    };

    public static readonly FrameworkProfile PyTorch113Cuda = PyTorch2Cuda with
    {
        Framework = Framework.PyTorch113,
        Label = "PyTorch 1.13, cuda",
        ZeroGrad = ZeroGradMode.Zero,
        ForeachOptimizers = false,
        FusedAttention = false,
    };

    public static FrameworkProfile For(Framework framework, Backend backend) => (framework, backend) switch
    {
        (Framework.PyTorch113, Backend.Cpu) => PyTorch113Cpu,
        (Framework.PyTorch113, _) => PyTorch113Cuda,
        (_, Backend.Cpu) => PyTorch2Cpu,
        _ => PyTorch2Cuda,
    };
}
