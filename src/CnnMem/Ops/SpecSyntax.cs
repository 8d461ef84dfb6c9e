using System.Collections.Immutable;

namespace CnnMem.Ops;

/// <summary>
/// How an op is written in a <c>.cnn</c> spec: the keywords that name it, its positional arguments
/// and its <c>key=value</c> options. The spec parser is generic; each op declares its own syntax here.
/// </summary>
/// <param name="Keywords">First word(s) of the line, e.g. <c>fc</c>, <c>dense</c>, <c>linear</c>.</param>
/// <param name="NamePrefix">Prefix of automatic layer names (<c>C</c> gives C1, C2, ...).</param>
/// <param name="Positional">Positional arguments in order.</param>
/// <param name="Options"><c>key=value</c> options.</param>
internal sealed record SpecSyntax(
    ImmutableArray<string> Keywords,
    string NamePrefix,
    ImmutableArray<SpecArg> Positional,
    ImmutableArray<SpecArg> Options)
{
    /// <summary>Attributes set by the keyword itself (e.g. <c>relu6</c> fixes max=6).</summary>
    public ImmutableDictionary<string, Graphs.AttrValue> Fixed { get; init; } = ImmutableDictionary<string, Graphs.AttrValue>.Empty;

    /// <summary>The canonical op this keyword produces, when it differs from the rule's first op type.</summary>
    public string? Op { get; init; }
}
