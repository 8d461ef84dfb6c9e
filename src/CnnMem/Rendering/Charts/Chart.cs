using System.Collections.Immutable;

namespace CnnMem.Rendering.Charts;

/// <summary>A finished chart: its size in pixels, a title for accessibility and file names, and its primitives in drawing order.</summary>
internal sealed record Chart(string Name, string Title, double Width, double Height, ImmutableArray<ChartElement> Elements);
