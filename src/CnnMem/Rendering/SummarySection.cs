using System.Collections.Immutable;

namespace CnnMem.Rendering;

/// <summary>A titled group of summary lines (totals, textbook inference, textbook training).</summary>
internal sealed record SummarySection(string Title, ImmutableArray<SummaryLine> Lines)
{
    /// <summary>One sentence under the title: what the section is and how it relates to the headline.</summary>
    public string? Note { get; init; }
}
