using CnnMem.Zoo;

namespace CnnMem.Pipeline;

/// <summary>
/// The largest per-device micro-batch that fits a device for one strategy (<see cref="Fit"/>: its batch is the
/// micro-batch, its bytes the per-device figure: reserved on CUDA), and the global batch it gives.
/// </summary>
internal sealed record ParallelFitResult(string Strategy, int Gpus, int GradAccum, FitResult Fit)
{
    public long GlobalBatch => checked(Fit.Batch * Gpus * GradAccum);
}
