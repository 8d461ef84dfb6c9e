using CnnMem.Core;
using CnnMem.Reports;
using CnnMem.Memory.Profiles;

namespace CnnMem.Pipeline;

/// <summary>
/// The headline of a report, from figures the memory report already holds:
/// 1. memory to plan with: on CUDA the device view's totals (context, static tensors, allocator-rounded peaks); on the
///    CPU the framework model's static bytes plus peak; without the framework model the textbook sums;
/// 2. parameters and MACs from the totals;
/// 3. with a device: its memory, whether this batch fits and the memory under its budget, as <c>fit</c> decides them
///    (<see cref="FitModel.UnderBudget"/>: the figures replace the unconstrained ones, which stay beside them), and the
///    largest batches, from the fit solver over the same runs.
/// </summary>
internal static class SummaryModel
{
    public static ReportSummary Compute(Totals totals, MemoryReport memory, string? device, MemoryAtBatch? memoryAt, long batch)
    {
        ReportSummary Plan(long inferenceBytes, long? trainingBytes, SummaryBasis basis) =>
            new() { InferenceBytes = inferenceBytes, TrainingStepBytes = trainingBytes, Params = totals.Params, Macs = totals.Macs, Basis = basis };
        var summary = memory switch
        {
            { Device: { } d, Inference: not null } => Plan(d.InferenceTotalBytes, memory.Training is null ? null : d.TrainingTotalBytes, SummaryBasis.CudaDeviceTotal),
            { Inference: { } i } => Plan(i.TotalBytes, memory.Training?.SteadyPeakTotalBytes, SummaryBases.StaticPlusPeak(memory.Model?.Backend ?? Backend.Cpu)),
            _ => Plan(memory.Naive.InferenceBytes, memory.Naive.TrainingBytes, SummaryBasis.Textbook),
        };
        if (device is null || memoryAt is null)
        {
            return summary;
        }
        device = DeviceTable.Resolve(device);
        var budget = DeviceTable.Bytes(device);
        var maxInference = memoryAt.MaxInferenceBatch(budget);
        var maxTraining = memoryAt.MaxTrainingBatch(budget);
        var inference = memoryAt.InferenceUnderBudget(batch, budget);
        var training = memoryAt.TrainingUnderBudget(batch, budget);
        return summary with
        {
            InferenceBytes = inference.Bytes,
            TrainingStepBytes = training?.Bytes ?? summary.TrainingStepBytes,
            InferenceUnderBudget = inference,
            TrainingUnderBudget = training,
            Device = device,
            DeviceBytes = budget,
            FitsInference = inference.Fits,
            FitsTraining = training?.Fits,
            MaxInferenceBatch = maxInference,
            MaxTrainingBatch = maxTraining,
        };
    }
}
