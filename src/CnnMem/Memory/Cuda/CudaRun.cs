namespace CnnMem.Memory.Cuda;

/// <summary>
/// What a replay of one measured CUDA phase gave, as PyTorch reports it: allocated-bytes peaks above the static
/// bytes (blocks as the caching allocator hands them out), where the peak was, and the reserved peak.
/// </summary>
/// <param name="Fits">False when a request did not fit the budget (out of memory).</param>
/// <param name="StaticAllocated">What the static tensors and library workspaces occupy (<c>memory_allocated()</c> before the step).</param>
/// <param name="ForwardPeak">Forward peak above the step's start.</param>
/// <param name="ForwardAt">The step (node index) of the forward peak.</param>
/// <param name="AfterForward">Allocated above the step's start when the forward ends.</param>
/// <param name="BackwardPeak">Backward peak above the step's start.</param>
/// <param name="BackwardAt">The trace step of the backward peak.</param>
/// <param name="StepPeak">Optimizer step peak above the step's start.</param>
/// <param name="Persistent">Gradients and optimizer state at the step's start.</param>
/// <param name="PeakAboveStatic">The largest allocated figure above the static bytes during the step.</param>
/// <param name="ReservedPeak">max_memory_reserved() during the step.</param>
internal sealed record CudaRun(
    bool Fits,
    long StaticAllocated,
    long ForwardPeak,
    int ForwardAt,
    long AfterForward,
    long BackwardPeak,
    int BackwardAt,
    long StepPeak,
    long Persistent,
    long PeakAboveStatic,
    long ReservedPeak)
{
    /// <summary>Under a budget, the request that did not fit (null when the run fits).</summary>
    public Trace.TraceFailure? Failure { get; init; }

    /// <summary>cuDNN workspaces the library did without under the budget (it falls back to algorithms that need less).</summary>
    public int SkippedWorkspaces { get; init; }

    /// <summary>The bytes of those workspaces (each request counted once per call).</summary>
    public long SkippedWorkspaceBytes { get; init; }
}
