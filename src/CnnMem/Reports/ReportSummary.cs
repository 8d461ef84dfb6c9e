namespace CnnMem.Reports;

/// <summary>
/// The answer first: what to plan with at this batch. <see cref="InferenceBytes"/> and <see cref="TrainingStepBytes"/>
/// are the framework model's totals on the chosen backend (CUDA: the device view's totals with the context and the
/// allocator's rounding; CPU: the static bytes plus the peak), or the textbook sums when the framework model did not run.
/// With a device: its memory, whether each mode fits at this batch and the largest batch that does (0: not even batch 1).
/// </summary>
public sealed record ReportSummary
{
    /// <summary>Memory for inference at this batch, bytes.</summary>
    public required long InferenceBytes { get; init; }

    /// <summary>Memory for one training step (the steady-state peak total), bytes; null without a training model.</summary>
    public required long? TrainingStepBytes { get; init; }

    /// <summary>Parameters (elements).</summary>
    public required long Params { get; init; }

    /// <summary>Multiply-accumulates for the batch.</summary>
    public required long Macs { get; init; }

    /// <summary>Where the two memory figures come from.</summary>
    public required SummaryBasis Basis { get; init; }

    /// <summary>The device given with --device (a <c>fit --list-devices</c> name), or null.</summary>
    public string? Device { get; init; }

    /// <summary>The device's memory, bytes.</summary>
    public long? DeviceBytes { get; init; }

    /// <summary>Whether inference at this batch fits the device; null without a device.</summary>
    public bool? FitsInference { get; init; }

    /// <summary>Whether a training step at this batch fits the device; null without a device or a training model.</summary>
    public bool? FitsTraining { get; init; }

    /// <summary>The largest inference batch that fits the device (the fit solver's answer; 0 when batch 1 does not fit).</summary>
    public long? MaxInferenceBatch { get; init; }

    /// <summary>The largest training batch that fits the device with the report's optimizer.</summary>
    public long? MaxTrainingBatch { get; init; }

    /// <summary>
    /// With a device: inference at this batch under its budget, as <c>fit</c> decides it; then <see cref="InferenceBytes"/>
    /// is its <see cref="BudgetRun.Bytes"/> (what it takes under the budget, or the least budget it runs in) and the
    /// unconstrained figure (the device view's total) is beside it.
    /// </summary>
    public BudgetRun? InferenceUnderBudget { get; init; }

    /// <summary>With a device: the training step under its budget (<see cref="InferenceUnderBudget"/>).</summary>
    public BudgetRun? TrainingUnderBudget { get; init; }
}
