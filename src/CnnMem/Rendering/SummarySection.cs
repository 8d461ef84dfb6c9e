using System.Collections.Immutable;

namespace CnnMem.Rendering;

/// <summary>A titled group of summary lines (totals, textbook inference, textbook training).</summary>
public sealed record SummarySection(string Title, ImmutableArray<SummaryLine> Lines);
