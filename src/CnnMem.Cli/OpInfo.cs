namespace CnnMem.Cli;

/// <summary>One supported op rule as <c>cnnmem ops</c> lists it (JSON field names in snake_case).</summary>
public sealed record OpInfo(
    string Domain,
    IReadOnlyList<string> OpTypes,
    int OpsetMin,
    int OpsetMax,
    IReadOnlyList<string> SpecKeywords,
    string Description);
