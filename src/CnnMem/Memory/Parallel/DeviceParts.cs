using CnnMem.Reports;

namespace CnnMem.Memory.Parallel;

/// <summary>
/// What one strategy model finds for one device before the common parts (activations, buffers, NCCL) are added, and
/// what it places there (<see cref="ParallelPlacement"/>).
/// </summary>
internal sealed record DeviceParts(
    long Param,
    long Gradient,
    long State,
    long StepTemporary,
    long PaddingElements,
    long Bucket,
    long Gathered,
    long ReduceScatter,
    ParallelSetup Setup,
    ParallelPlacement Placement);
