using CnnMem.Graphs;
using CnnMem.Reports;

namespace CnnMem.Pipeline;

/// <summary>
/// Memory of one model at any batch for inference and a training step, as <see cref="FitModel"/> computes it for the
/// fit solver (the report's backend, dtype and optimizer), each batch evaluated once: the summary's fits, the batch
/// sweep and the chart's GPU fits share the evaluations.
/// </summary>
internal sealed class MemoryAtBatch(ModelGraph graph, AnalysisOptions options, bool trains)
{
    private readonly Dictionary<long, long> inference = [];
    private readonly Dictionary<long, long> training = [];

    public bool Trains => trains;

    public long Inference(long batch) =>
        inference.TryGetValue(batch, out var v) ? v : inference[batch] = FitModel.InferenceBytes(graph, options, batch);

    public long? Training(long batch) =>
        !trains ? null : training.TryGetValue(batch, out var v) ? v : training[batch] = FitModel.TrainingBytes(graph, options, batch);

    /// <summary>Inference at <paramref name="batch"/> under <paramref name="budget"/>, as <c>fit</c> decides it.</summary>
    public BudgetRun InferenceUnderBudget(long batch, long budget) => FitModel.UnderBudget(graph, options, training: false, batch, budget);

    /// <summary>The training step at <paramref name="batch"/> under <paramref name="budget"/>; null without a training model.</summary>
    public BudgetRun? TrainingUnderBudget(long batch, long budget) => trains ? FitModel.UnderBudget(graph, options, training: true, batch, budget) : null;

    /// <summary>The largest inference batch for the budget, as <c>fit</c> answers it (on CUDA a replay under the budget).</summary>
    public long MaxInferenceBatch(long budget) => FitModel.FitInference(graph, options, budget).Batch;

    /// <summary>The largest training batch for the budget, as <c>fit</c> answers it.</summary>
    public long? MaxTrainingBatch(long budget) => trains ? FitModel.FitTraining(graph, options, budget).Batch : null;
}
