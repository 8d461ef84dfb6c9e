namespace CnnMem.Reports;

/// <summary>Memory figures. <see cref="Naive"/> is the textbook method; the framework model adds inference and training beside it.</summary>
public sealed record MemoryReport
{
    /// <summary>The textbook method's figures.</summary>
    public required NaiveMemory Naive { get; init; }

    /// <summary>The settings the framework model ran with (null when it did not run).</summary>
    public MemoryModelSettings? Model { get; init; }

    /// <summary>Framework model of inference (null when not computed).</summary>
    public InferenceMemory? Inference { get; init; }

    /// <summary>Framework model of a training step (null when not computed).</summary>
    public TrainingMemory? Training { get; init; }

    /// <summary>The device view (CUDA backend only).</summary>
    public DeviceMemory? Device { get; init; }

    /// <summary>CUDA: each convolution's cuDNN workspace, from the table or the fallback rule (CUDA backend only).</summary>
    public CudnnWorkspaceReport? CudnnWorkspaces { get; init; }

    /// <summary>Multi-device training, per device (only when --gpus or --parallel is given).</summary>
    public ParallelMemory? Parallel { get; init; }

    /// <summary>Allocated bytes op by op over a training step (computed for charts and the HTML report; null otherwise).</summary>
    public MemoryTimeline? Timeline { get; init; }

    /// <summary>Memory against batch size with GPU fits (computed for charts and the HTML report; null otherwise).</summary>
    public BatchSweep? BatchSweep { get; init; }
}
