using CnnMem.Analysis;
using CnnMem.Core;
using CnnMem.Graphs;

namespace CnnMem.Memory.Parallel;

/// <summary>
/// <c>fit --gpus N --parallel S</c>: the largest per-device micro-batch whose per-device memory fits the budget.
/// At each candidate batch: shape inference, the single-device training step (and on CUDA its rounded twin, for the
/// allocator's rounding as the device view computes it), then <see cref="ParallelModel"/>; the same path as analyze,
/// so the fit's figure at its batch equals analyze's at that batch.
/// </summary>
public static class ParallelFit
{
    public static long DeviceBytes(ModelGraph graph, AnalysisOptions options, Optimizer optimizer, DataParallelOptions parallel, long batch)
    {
        var inference = Analyzer.Infer(graph, options, batch);
        var m = options.Memory;
        var training = TrainingModel.Compute(inference, m, optimizer);
        var rounding = m.Backend == Backend.Cuda
            ? TrainingModel.Compute(inference, m, optimizer, DeviceModel.Round).SteadyPeakBytes - training.SteadyPeakBytes
            : 0;
        return ParallelModel.DeviceBytes(ParallelAnalysis.Compute(inference, training, m, optimizer, batch, rounding, parallel));
    }

    public static ParallelFitResult Fit(ModelGraph graph, AnalysisOptions options, Optimizer optimizer, DataParallelOptions parallel, long budget)
    {
        var mode = $"training ({Optimizers.Name(optimizer)}, {DTypes.Name(options.DType)}{(options.Memory.MixedPrecision ? ", mixed precision" : "")})";
        var fit = FitSolver.Solve(mode, budget, b => DeviceBytes(graph, options, optimizer, parallel, b));
        return new ParallelFitResult(ParallelStrategies.Name(parallel.Strategy), parallel.Gpus, parallel.GradAccum, fit);
    }

    /// <summary><c>--parallel auto</c>: every strategy with the same devices and settings, in declaration order.</summary>
    public static IReadOnlyList<ParallelFitResult> FitAll(ModelGraph graph, AnalysisOptions options, Optimizer optimizer, DataParallelOptions parallel, long budget) =>
        Enum.GetValues<ParallelStrategy>().Select(s => Fit(graph, options, optimizer, parallel with { Strategy = s }, budget)).ToArray();
}
