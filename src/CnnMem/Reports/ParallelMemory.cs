namespace CnnMem.Reports;

/// <summary>
/// Multi-device training (<c>memory.parallel</c>): the strategy, the devices, the per-device micro-batch, gradient
/// accumulation and the global batch (gpus x micro_batch x grad_accum), and what one device holds at the step's peak.
/// </summary>
public sealed record ParallelMemory(
    string Strategy,
    int Gpus,
    long MicroBatch,
    int GradAccum,
    long GlobalBatch,
    ParallelDeviceMemory PerDevice,
    ParallelCommunication Communication,
    ParallelSetup Setup);
