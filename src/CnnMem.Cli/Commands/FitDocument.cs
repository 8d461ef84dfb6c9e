using System.Text.Json.Serialization;
using CnnMem.Pipeline;

namespace CnnMem.Cli.Commands;

/// <summary>The fit command's JSON document: the model, the budget and where it came from, the setup, one result per mode.</summary>
internal sealed record FitDocument(
    string Model,
    long BudgetBytes,
    string BudgetFrom,
    string Backend,
    string Dtype,
    bool MixedPrecision,
    string Units,
    IReadOnlyList<FitResult> Results)
{
    /// <summary>With --gpus/--parallel: the largest per-device micro-batch per optimizer (and strategy, with --parallel auto).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ParallelFitResult>? Parallel { get; init; }
}
