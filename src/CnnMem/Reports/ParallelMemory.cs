namespace CnnMem.Reports;

/// <summary>
/// Multi-device training (<c>memory.parallel</c>): the strategy, the devices, the per-device micro-batch, gradient
/// accumulation and the global batch (gpus x micro_batch x grad_accum), and what one device holds at the step's peak.
/// </summary>
public sealed record ParallelMemory
{
    /// <summary>How training is spread over the devices (JSON: its <c>--parallel</c> name, e.g. "zero3").</summary>
    public required ParallelStrategy Strategy { get; init; }

    /// <summary>The devices, each running its own micro-batch.</summary>
    public required int Gpus { get; init; }

    /// <summary>The batch one device runs in one forward and backward.</summary>
    public required long MicroBatch { get; init; }

    /// <summary>Micro-batches accumulated before each optimizer step.</summary>
    public required int GradAccum { get; init; }

    /// <summary>gpus x micro_batch x grad_accum: the samples of one optimizer step.</summary>
    public required long GlobalBatch { get; init; }

    /// <summary>What one device holds at the step's peak.</summary>
    public required ParallelDeviceMemory PerDevice { get; init; }

    /// <summary>The communication buffers of one device.</summary>
    public required ParallelCommunication Communication { get; init; }

    /// <summary>The settings and structure behind the per-device figures.</summary>
    public required ParallelSetup Setup { get; init; }

    /// <summary>What the strategy replicates and shards (the text summary's words; not in the JSON).</summary>
    public required ParallelPlacement Placement { get; init; }
}
