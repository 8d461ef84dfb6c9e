using CnnMem.Analysis;
using CnnMem.Core;
using CnnMem.Graphs;

namespace CnnMem.Memory;

/// <summary>
/// Memory of a model at a batch, as the device must hold it, for <see cref="FitSolver"/>:
/// inference = weights + buffers + input + activation peak; training = static bytes + steady-state peak
/// (the figure that decides out-of-memory); on CUDA with caching-allocator rounding plus the context.
/// </summary>
public static class FitModel
{
    public static long InferenceBytes(ModelGraph graph, AnalysisOptions options, long batch)
    {
        var inference = Analyzer.Infer(graph, options, batch);
        var cuda = options.Memory.Backend == Backend.Cuda;
        var m = InferenceModel.Compute(inference, options.Memory, cuda ? DeviceModel.Round : null);
        return checked(m.TotalBytes + (cuda ? options.Memory.EffectiveContextBytes : 0));
    }

    public static long TrainingBytes(ModelGraph graph, AnalysisOptions options, Optimizer optimizer, long batch)
    {
        var inference = Analyzer.Infer(graph, options, batch);
        var cuda = options.Memory.Backend == Backend.Cuda;
        var t = TrainingModel.Compute(inference, options.Memory, optimizer, cuda ? DeviceModel.Round : null);
        return checked(t.SteadyPeakTotalBytes + (cuda ? options.Memory.EffectiveContextBytes : 0));
    }

    public static FitResult FitInference(ModelGraph graph, AnalysisOptions options, long budget) =>
        FitSolver.Solve("inference", budget, b => InferenceBytes(graph, options, b));

    public static FitResult FitTraining(ModelGraph graph, AnalysisOptions options, Optimizer optimizer, long budget) =>
        FitSolver.Solve($"training ({Optimizers.Name(optimizer)}, {DTypes.Name(options.DType)}{(options.Memory.MixedPrecision ? ", mixed precision" : "")})", budget,
            b => TrainingBytes(graph, options, optimizer, b));
}
