using System.Collections.Immutable;

namespace CnnMem.Rendering.Charts;

/// <summary>
/// One primitive in chart pixels (origin top left): a rectangle (X, Y, Width = X2, Height = Y2), a line (X, Y to X2, Y2),
/// a polyline (<see cref="Points"/>), a circle (centre X, Y, radius X2) or a text at X, Y (baseline) with its anchor,
/// size and rotation. Colours are "#rrggbb"; <see cref="Opacity"/> applies to fills.
/// </summary>
internal sealed record ChartElement(ChartElementKind Kind, double X, double Y, double X2, double Y2, string Color)
{
    public ImmutableArray<(double X, double Y)> Points { get; init; } = [];

    public string? Text { get; init; }

    public double FontSize { get; init; } = 13;

    public bool Bold { get; init; }

    public TextAnchor Anchor { get; init; } = TextAnchor.Start;

    /// <summary>Degrees, clockwise, about (X, Y).</summary>
    public double Rotate { get; init; }

    public double StrokeWidth { get; init; } = 1;

    public bool Dashed { get; init; }

    public double Opacity { get; init; } = 1;

    /// <summary>A hover title (SVG &lt;title&gt;), e.g. a bar's layer and bytes; PNG ignores it.</summary>
    public string? Tooltip { get; init; }
}
