using CnnMem.Graphs;
using CnnMem.Inference;
using CnnMem.Memory.Parallel;
using CnnMem.Reports;

namespace CnnMem.Pipeline;

/// <summary>
/// <c>fit --gpus N --parallel S</c>: the largest per-device micro-batch whose per-device memory fits the budget.
/// At each candidate batch: shape inference, the single-device training step (and on CUDA its rounded twin, for the
/// allocator's rounding as the device view computes it), then <see cref="ParallelModel"/>; the same path as analyze,
/// so the fit's figure at its batch equals analyze's at that batch. The single-device step at a batch is computed once
/// and shared by the strategies <c>--parallel auto</c> compares.
/// </summary>
internal static class ParallelFit
{
    public static long DeviceBytes(ModelGraph graph, AnalysisOptions options, DataParallelOptions parallel, long batch) =>
        DeviceBytes(Steps(graph, options)(batch), options, parallel, batch);

    /// <summary>The largest per-device micro-batch for a training step with the options' optimizer.</summary>
    public static ParallelFitResult Fit(ModelGraph graph, AnalysisOptions options, DataParallelOptions parallel, long budget) =>
        Fit(Steps(graph, options), options, parallel, budget);

    /// <summary><c>--parallel auto</c>: every strategy with the same devices and settings, in declaration order.</summary>
    public static IReadOnlyList<ParallelFitResult> FitAll(ModelGraph graph, AnalysisOptions options, DataParallelOptions parallel, long budget)
    {
        var steps = Steps(graph, options);
        return Enum.GetValues<ParallelStrategy>().Select(s => Fit(steps, options, parallel with { Strategy = s }, budget)).ToArray();
    }

    private static ParallelFitResult Fit(
        Func<long, (InferenceResult Inference, TrainingMemory Training, long Rounding)> steps, AnalysisOptions options, DataParallelOptions parallel, long budget)
    {
        var fit = FitSolver.Solve(FitModel.TrainingMode(options), budget, b => DeviceBytes(steps(b), options, parallel, b));
        return new ParallelFitResult(ParallelStrategies.Name(parallel.Strategy), parallel.Gpus, parallel.GradAccum, fit);
    }

    private static long DeviceBytes((InferenceResult Inference, TrainingMemory Training, long Rounding) step, AnalysisOptions options, DataParallelOptions parallel, long batch) =>
        ParallelModel.DeviceBytes(ParallelAnalysis.Compute(step.Inference, step.Training, options.Memory, batch, step.Rounding, parallel));

    /// <summary>The single-device step at a batch, memoised: inference, training and (CUDA) the rounding the allocator adds.</summary>
    private static Func<long, (InferenceResult Inference, TrainingMemory Training, long Rounding)> Steps(ModelGraph graph, AnalysisOptions options)
    {
        var cache = new Dictionary<long, (InferenceResult, TrainingMemory, long)>();
        return batch =>
        {
            if (!cache.TryGetValue(batch, out var step))
            {
                var inference = Analyzer.Infer(graph, options, batch);
                var (training, rounding) = Analyzer.TrainingOnDevice(inference, options);
                cache[batch] = step = (inference, training, rounding);
            }
            return step;
        };
    }
}
