using CnnMem.Inference;
using CnnMem.Reports;

namespace CnnMem.Memory.Parallel;

/// <summary>Connects the single-device analysis to <see cref="ParallelModel"/>: the analyzer's and the fit's one call.</summary>
internal static class ParallelAnalysis
{
    public static ParallelMemory Compute(
        InferenceResult inference, TrainingMemory training, MemoryOptions memory, long microBatch, long stepRoundingBytes, DataParallelOptions options)
    {
        var cuda = memory.Backend == Backend.Cuda;
        var input = new ParallelInput(training, ParallelParams.From(inference, memory.MixedPrecision), memory.Optimizer, memory.MixedPrecision, microBatch)
        {
            CudaContextBytes = cuda ? memory.EffectiveContextBytes : null,
            StepRoundingBytes = stepRoundingBytes,
        };
        return ParallelModel.Compute(input, options);
    }
}
