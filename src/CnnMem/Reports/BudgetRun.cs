namespace CnnMem.Reports;

/// <summary>
/// One mode (inference or a training step) at one batch under a budget, as <c>fit</c> decides it: on CUDA the caching
/// allocator's replay capped at the budget (it releases its cache and retries before it fails, and cuDNN does without
/// a workspace it cannot have), elsewhere the model's total against the budget.
/// </summary>
/// <param name="Fits">Whether it runs within the budget.</param>
/// <param name="Bytes">When it fits, the memory it takes under the budget (the context plus what the allocator
/// reserved); when it does not, the least budget it runs in (more than the budget).</param>
/// <param name="UnconstrainedBytes">What it takes when the memory is there: cuDNN's preferred workspaces, the cache kept.</param>
/// <param name="SkippedWorkspaces">cuDNN workspace requests done without under the budget (0 without pressure).</param>
/// <param name="SkippedWorkspaceBytes">Their bytes.</param>
public sealed record BudgetRun(bool Fits, long Bytes, long UnconstrainedBytes, int SkippedWorkspaces, long SkippedWorkspaceBytes)
{
    /// <summary>When it does not fit: where the run under the budget stopped.</summary>
    public BudgetFailure? Failure { get; init; }
}
