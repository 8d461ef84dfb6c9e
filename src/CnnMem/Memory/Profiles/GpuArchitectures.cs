namespace CnnMem.Memory.Profiles;

/// <summary>
/// What differs by GPU architecture (compute capability, named as the kit does: <c>sm_90</c>), and which measurements
/// each architecture has of its own:
/// - cuBLAS's workspace per (handle, stream): PyTorch's default is 32 MiB on sm_90 (Hopper) and :4096:2:16:8 elsewhere,
///   2 x 4 MiB + 8 x 16 KiB (aten/src/ATen/cuda/CublasHandlePool.cpp, parseChosenWorkspaceSize: "default, 32MiB for
///   Hopper", <c>properties->major == 9 &amp;&amp; properties->minor == 0</c>);
/// - the CUDA context, the cuDNN workspace table and the allocator's behaviour were measured on one architecture,
///   <see cref="MeasuredArch"/> (the GPU oracle's H200); another architecture borrows them, and the report says so.
/// </summary>
internal static class GpuArchitectures
{
    /// <summary>The architecture the CUDA profile was measured on.</summary>
    public const string MeasuredArch = "sm_90";

    /// <summary>The GPU and software the measurements come from (tests/CnnMem.Tests/TestData/oracle/gpu).</summary>
    public const string MeasuredOn = "an NVIDIA H200 (sm_90; PyTorch 2.11, CUDA 13.0, cuDNN 9.19)";

    private const long HopperCublasWorkspace = 4096L * 8 * 1024;
    private const long DefaultCublasWorkspace = (4096L * 1024 * 2) + (16L * 1024 * 8);

    /// <summary>cuBLAS's workspace per handle on <paramref name="arch"/> (PyTorch's default, no CUBLAS_WORKSPACE_CONFIG).</summary>
    public static long CublasWorkspaceBytes(string arch) => arch == "sm_90" ? HopperCublasWorkspace : DefaultCublasWorkspace;

    /// <summary>Whether <paramref name="arch"/> has measurements of its own (else it borrows <see cref="MeasuredArch"/>'s).</summary>
    public static bool Measured(string arch) => arch == MeasuredArch;
}
