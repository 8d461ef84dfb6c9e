using System.Collections.Immutable;

namespace CnnMem.Tests.Onnx;

/// <summary>The result of one node test case: its name, ops, outcome and (for failures) why.</summary>
public sealed record NodeSuiteCase(string Name, ImmutableArray<string> Ops, NodeSuiteOutcome Outcome, string Reason = "")
{
    /// <summary>Ops without a rule (for unsupported cases).</summary>
    public ImmutableArray<string> MissingOps { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>A pass where some output dim is unknown because a runtime input's values decide it.</summary>
    public bool RuntimeUnknown { get; init; }
}
