using CnnMem.Analysis;
using CnnMem.Core;
using CnnMem.Graphs;
using CnnMem.Memory.Cuda;

namespace CnnMem.Memory;

/// <summary>
/// Memory of a model at a batch, as the device must hold it, for <see cref="FitSolver"/>:
/// - CPU: inference = weights + buffers + input + activation peak; training = static bytes + steady-state peak;
/// - CUDA: whether the measured flow runs when the allocator may reserve the budget less the memory outside it: the
///   caching allocator's replay (<see cref="CudaReplay"/>), which releases its cache and retries before it fails and
///   lets cuDNN do without a workspace it cannot have; so neither the unconstrained reserved peak nor the allocated
///   peak decides alone. The bytes shown are the context plus what the allocator reserved.
/// </summary>
internal static class FitModel
{
    public static long InferenceBytes(ModelGraph graph, AnalysisOptions options, long batch)
    {
        var inference = Analyzer.Infer(graph, options, batch);
        if (options.Memory.Profile.Allocator is not null)
        {
            return checked(CudaReplay.Inference(inference, options.Memory).ReservedPeak + options.Memory.EffectiveContextBytes);
        }
        return InferenceModel.Compute(inference, options.Memory).TotalBytes;
    }

    public static long TrainingBytes(ModelGraph graph, AnalysisOptions options, Optimizer optimizer, long batch)
    {
        var inference = Analyzer.Infer(graph, options, batch);
        if (options.Memory.Profile.Allocator is not null && options.Memory.CheckpointEvery == 0)
        {
            return checked(CudaReplay.Training(inference, options.Memory, optimizer).ReservedPeak + options.Memory.EffectiveContextBytes);
        }
        var cuda = options.Memory.Backend == Backend.Cuda;
        var t = TrainingModel.Compute(inference, options.Memory, optimizer, cuda ? DeviceModel.Round : null);
        return checked(t.SteadyPeakTotalBytes + (cuda ? options.Memory.EffectiveContextBytes : 0));
    }

    public static FitResult FitInference(ModelGraph graph, AnalysisOptions options, long budget) =>
        options.Memory.Profile.Allocator is null
            ? FitSolver.Solve("inference", budget, b => InferenceBytes(graph, options, b))
            : FitSolver.Largest("inference", budget, b => InferenceBytes(graph, options, b), b => Runs(graph, options, null, b, budget));

    public static FitResult FitTraining(ModelGraph graph, AnalysisOptions options, Optimizer optimizer, long budget)
    {
        var mode = $"training ({Optimizers.Name(optimizer)}, {DTypes.Name(options.DType)}{(options.Memory.MixedPrecision ? ", mixed precision" : "")})";
        return options.Memory.Profile.Allocator is null || options.Memory.CheckpointEvery != 0
            ? FitSolver.Solve(mode, budget, b => TrainingBytes(graph, options, optimizer, b))
            : FitSolver.Largest(mode, budget, b => TrainingBytes(graph, options, optimizer, b), b => Runs(graph, options, optimizer, b, budget));
    }

    /// <summary>
    /// Whether the measured flow runs at <paramref name="batch"/> within the budget (inference when <paramref name="optimizer"/>
    /// is null), and the device memory it then takes: the context plus what the allocator reserved under the budget.
    /// </summary>
    private static (bool Fits, long Bytes) Runs(ModelGraph graph, AnalysisOptions options, Optimizer? optimizer, long batch, long budget)
    {
        var context = options.Memory.EffectiveContextBytes;
        if (budget - context <= 0)
        {
            return (false, 0);
        }
        var inference = Analyzer.Infer(graph, options, batch);
        var run = optimizer is { } o
            ? CudaReplay.Training(inference, options.Memory, o, budget - context)
            : CudaReplay.Inference(inference, options.Memory, budget - context);
        return (run.Fits, checked(run.ReservedPeak + context));
    }
}
