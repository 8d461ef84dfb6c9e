namespace CnnMem.Cli;

/// <summary>One supported op rule as <c>cnnmem ops</c> lists it (JSON field names in snake_case).</summary>
internal sealed record OpInfo(
    string Domain,
    IReadOnlyList<string> OpTypes,
    int OpsetMin,
    int OpsetMax,
    IReadOnlyList<string> SpecKeywords,
    string Description)
{
    /// <summary>Each keyword family with its arguments (added after spec_keywords, which stays as it was).</summary>
    public IReadOnlyList<SpecSyntaxInfo> Spec { get; init; } = [];
}
