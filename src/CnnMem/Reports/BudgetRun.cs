namespace CnnMem.Reports;

/// <summary>
/// One mode (inference or a training step) at one batch under a budget, as <c>fit</c> decides it: on CUDA the caching
/// allocator's replay capped at the budget (it releases its cache and retries before it fails, and cuDNN does without
/// a workspace it cannot have), elsewhere the model's total against the budget.
/// </summary>
public sealed record BudgetRun
{
    /// <summary>Whether it runs within the budget.</summary>
    public required bool Fits { get; init; }

    /// <summary>When it fits, the memory it takes under the budget (the context plus what the allocator
    /// reserved); when it does not, the least budget it runs in (more than the budget).</summary>
    public required long Bytes { get; init; }

    /// <summary>What it takes when the memory is there: cuDNN's preferred workspaces, the cache kept.</summary>
    public required long UnconstrainedBytes { get; init; }

    /// <summary>cuDNN workspace requests done without under the budget (0 without pressure).</summary>
    public required int SkippedWorkspaces { get; init; }

    /// <summary>Their bytes.</summary>
    public required long SkippedWorkspaceBytes { get; init; }

    /// <summary>When it does not fit: where the run under the budget stopped.</summary>
    public BudgetFailure? Failure { get; init; }
}
