using CnnMem.Memory;

namespace CnnMem.Cli.Commands;

/// <summary>The fit command's JSON document: the model, the budget and where it came from, the setup, one result per mode.</summary>
public sealed record FitDocument(
    string Model,
    long BudgetBytes,
    string BudgetFrom,
    string Backend,
    string Dtype,
    bool MixedPrecision,
    string Units,
    IReadOnlyList<FitResult> Results);
