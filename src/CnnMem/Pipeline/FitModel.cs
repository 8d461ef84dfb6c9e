using CnnMem.Core;
using CnnMem.Graphs;
using CnnMem.Memory.Cuda;
using CnnMem.Reports;
using CnnMem.Memory.Models;
using CnnMem.Memory.Storages;

namespace CnnMem.Pipeline;

/// <summary>
/// Memory of a model at a batch, as the device must hold it, for <see cref="FitSolver"/>:
/// - CPU: inference = weights + buffers + input + activation peak; training = static bytes + steady-state peak;
/// - CUDA: whether the measured flow runs when the allocator may reserve the budget less the memory outside it: the
///   caching allocator's replay (<see cref="CudaReplay"/>), which releases its cache and retries before it fails and
///   lets cuDNN do without a workspace it cannot have; so neither the unconstrained reserved peak nor the allocated
///   peak decides alone. The bytes shown are the context plus what the allocator reserved.
/// One story under a budget (<see cref="UnderBudget"/>): a batch that runs takes what the capped replay reserved; one
/// that does not needs the least budget it runs in; beside both, the unconstrained figure.
/// </summary>
internal static class FitModel
{
    /// <summary>The least-budget search stops within this many bytes (the allocator's large-segment rounding is 2 MiB).</summary>
    internal const long LeastBudgetStep = 1L << 20;

    public static long InferenceBytes(ModelGraph graph, AnalysisOptions options, long batch)
    {
        var inference = Analyzer.Infer(graph, options, batch);
        if (MemoryEstimator.Replays(options.Memory))
        {
            return checked(CudaReplay.Inference(inference, options.Memory).ReservedPeak + options.Memory.EffectiveContextBytes);
        }
        return InferenceModel.Compute(inference, options.Memory).TotalBytes;
    }

    /// <summary>A training step with the options' optimizer.</summary>
    public static long TrainingBytes(ModelGraph graph, AnalysisOptions options, long batch)
    {
        var inference = Analyzer.Infer(graph, options, batch);
        if (MemoryEstimator.Replays(options.Memory))
        {
            return checked(CudaReplay.Training(inference, options.Memory).ReservedPeak + options.Memory.EffectiveContextBytes);
        }
        var cuda = options.Memory.Backend == Backend.Cuda;
        var t = TrainingModel.Compute(inference, options.Memory, cuda ? DeviceModel.Round : null);
        return checked(t.SteadyPeakTotalBytes + (cuda ? options.Memory.EffectiveContextBytes : 0));
    }

    public static FitResult FitInference(ModelGraph graph, AnalysisOptions options, long budget) =>
        Fit("inference", graph, options, training: false, budget);

    /// <summary>The largest training batch with the options' optimizer.</summary>
    public static FitResult FitTraining(ModelGraph graph, AnalysisOptions options, long budget) =>
        Fit(TrainingMode(options), graph, options, training: true, budget);

    /// <summary>The fit's name for a training step: optimizer, dtype and mixed precision.</summary>
    internal static string TrainingMode(AnalysisOptions options) =>
        $"training ({Optimizers.Name(options.Optimizer)}, {DTypes.Name(options.DType)}{(options.Memory.MixedPrecision ? ", mixed precision" : "")})";

    /// <summary>
    /// Inference or a training step (<paramref name="training"/>) at <paramref name="batch"/> under
    /// <paramref name="budget"/>, as <c>fit</c> decides it and <c>analyze --device</c> shows it.
    /// </summary>
    public static BudgetRun UnderBudget(ModelGraph graph, AnalysisOptions options, bool training, long batch, long budget)
    {
        long Unconstrained() => training ? TrainingBytes(graph, options, batch) : InferenceBytes(graph, options, batch);
        if (!MemoryEstimator.Replays(options.Memory))
        {
            var bytes = Unconstrained();
            return new BudgetRun { Fits = bytes <= budget, Bytes = bytes, UnconstrainedBytes = bytes, SkippedWorkspaces = 0, SkippedWorkspaceBytes = 0 };
        }
        var run = Runs(graph, options, training, batch, budget);
        var unconstrained = Unconstrained();
        if (run.Run is { Fits: true } r)
        {
            return new BudgetRun { Fits = true, Bytes = run.Bytes, UnconstrainedBytes = unconstrained, SkippedWorkspaces = r.SkippedWorkspaces, SkippedWorkspaceBytes = r.SkippedWorkspaceBytes };
        }
        var g = StorageGraphs.Of(Analyzer.Infer(graph, options, batch), options.Memory, training);
        return new BudgetRun
        {
            Fits = false,
            Bytes = LeastBudget(graph, options, training, batch, budget, unconstrained),
            UnconstrainedBytes = unconstrained,
            SkippedWorkspaces = 0,
            SkippedWorkspaceBytes = 0,
            Failure = run.Run is null
                ? new BudgetFailure { Phase = "CUDA context", Layer = null, Tensor = null, RequestBytes = 0, ReservedBytes = 0, AllocatedBytes = 0, LargestFreeBytes = 0, RoomBytes = 0 }
                : FailureSite.Of(run.Run.Failure, g, training, budget - options.Memory.EffectiveContextBytes),
        };
    }

    private static FitResult Fit(string mode, ModelGraph graph, AnalysisOptions options, bool training, long budget)
    {
        var cache = new Dictionary<long, BudgetRun>();
        BudgetRun at(long b) => cache.TryGetValue(b, out var r) ? r : cache[b] = UnderBudget(graph, options, training, b, budget);
        var fit = MemoryEstimator.Replays(options.Memory)
            ? FitSolver.Largest(mode, budget, b => at(b).Bytes, b => Runs(graph, options, training, b, budget) is var r ? (r.Run?.Fits ?? false, r.Bytes) : default)
            : FitSolver.Solve(mode, budget, b => at(b).Bytes);
        var next = fit.BytesAtNextBatch > 0 ? at(fit.Batch + 1) : null;
        var here = fit.Batch > 0 ? at(fit.Batch) : null;
        // inference's answer is for repeated forwards; a first forward from a clean cache may reach further (never less:
        // the repeated run's replay plays a first forward under the same budget)
        var first = !training && MemoryEstimator.Replays(options.Memory) && fit.Batch > 0
            ? FitSolver.Largest(mode, budget, _ => 0, b => Runs(graph, options, training: false, b, budget, firstOnly: true) is var r ? (r.Run?.Fits ?? false, r.Bytes) : default).Batch
            : 0;
        return fit with
        {
            FirstForwardBatch = first > fit.Batch ? first : null,
            BytesAtBatch = here?.Bytes ?? 0,
            BytesAtNextBatch = next?.Bytes ?? fit.BytesAtNextBatch,
            AtBatch = here,
            AtNextBatch = next,
        };
    }

    /// <summary>
    /// The least budget (to <see cref="LeastBudgetStep"/>) in which the run at <paramref name="batch"/> fits, above
    /// <paramref name="budget"/> (where it does not) and at most <paramref name="unconstrained"/> (where the cap is never met).
    /// </summary>
    private static long LeastBudget(ModelGraph graph, AnalysisOptions options, bool training, long batch, long budget, long unconstrained)
    {
        long fails = budget, fits = Math.Max(unconstrained, checked(budget + 1));
        while (Runs(graph, options, training, batch, fits).Run is not { Fits: true })
        {
            (fails, fits) = (fits, checked(fits * 2)); // the unconstrained run should fit its own peak: a safety net, not a path taken
        }
        while (fits - fails > LeastBudgetStep)
        {
            var mid = fails + ((fits - fails) / 2);
            if (Runs(graph, options, training, batch, mid).Run is { Fits: true })
            {
                fits = mid;
            }
            else
            {
                fails = mid;
            }
        }
        return fits;
    }

    /// <summary>
    /// The replay at <paramref name="batch"/> capped at the budget (a training step with the options' optimizer when <paramref name="training"/>),
    /// and the device memory it then takes: the context plus what the allocator reserved under the budget; no run when
    /// the context alone passes the budget.
    /// </summary>
    private static (CudaRun? Run, long Bytes) Runs(ModelGraph graph, AnalysisOptions options, bool training, long batch, long budget, bool firstOnly = false)
    {
        var context = options.Memory.EffectiveContextBytes;
        if (budget - context <= 0)
        {
            return (null, 0);
        }
        var inference = Analyzer.Infer(graph, options, batch);
        var run = training
            ? CudaReplay.Training(inference, options.Memory, budget - context)
            : CudaReplay.Inference(inference, options.Memory, budget - context, firstOnly);
        return (run, checked(run.ReservedPeak + context));
    }
}
