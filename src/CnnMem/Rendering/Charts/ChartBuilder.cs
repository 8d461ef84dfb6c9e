using System.Collections.Immutable;

namespace CnnMem.Rendering.Charts;

/// <summary>
/// Collects primitives for one chart and draws the parts every chart shares:
/// 1. the title and a subtitle at the top, a legend row under them;
/// 2. a plot area with horizontal grid lines and y tick labels (<see cref="YAxis"/>), the axis titles;
/// 3. <see cref="PX"/> and <see cref="PY"/> map data to pixels inside the plot area.
/// </summary>
internal sealed class ChartBuilder(double width, double height, double left, double top, double right, double bottom)
{
    private readonly ImmutableArray<ChartElement>.Builder elements = ImmutableArray.CreateBuilder<ChartElement>();

    public double Left => left;
    public double Top => top;
    public double Right => width - right;
    public double Bottom => height - bottom;
    public double PlotWidth => Right - Left;
    public double PlotHeight => Bottom - Top;

    public Scale X { get; set; } = new(0, 1, 1);
    public Scale Y { get; set; } = new(0, 1, 1);

    public double PX(double x) => Left + ((x - X.Min) / (X.Max - X.Min) * PlotWidth);
    public double PY(double y) => Bottom - ((y - Y.Min) / (Y.Max - Y.Min) * PlotHeight);

    public ChartElement Add(ChartElement e)
    {
        elements.Add(e);
        return e;
    }

    public void Rect(double x, double y, double w, double h, string color, string? tooltip = null, double opacity = 1) =>
        Add(new ChartElement(ChartElementKind.Rect, x, y, w, h, color) { Tooltip = tooltip, Opacity = opacity });

    public void Line(double x1, double y1, double x2, double y2, string color, double stroke = 1, bool dashed = false) =>
        Add(new ChartElement(ChartElementKind.Line, x1, y1, x2, y2, color) { StrokeWidth = stroke, Dashed = dashed });

    public void Polyline(IEnumerable<(double X, double Y)> points, string color, double stroke = 2) =>
        Add(new ChartElement(ChartElementKind.Polyline, 0, 0, 0, 0, color) { Points = points.ToImmutableArray(), StrokeWidth = stroke });

    public void Circle(double x, double y, double r, string color, string? tooltip = null) =>
        Add(new ChartElement(ChartElementKind.Circle, x, y, r, 0, color) { Tooltip = tooltip });

    public void Text(double x, double y, string text, double size = 13, TextAnchor anchor = TextAnchor.Start, bool bold = false, double rotate = 0, string color = ChartPalette.Text) =>
        Add(new ChartElement(ChartElementKind.Text, x, y, 0, 0, color) { Text = text, FontSize = size, Anchor = anchor, Bold = bold, Rotate = rotate });

    /// <summary>Title (bold), a grey subtitle, and a legend row: a swatch and a label per entry, spread over the width.</summary>
    public void Header(string title, string subtitle, IReadOnlyList<(string Label, string Color)> legend)
    {
        Rect(0, 0, width, height, ChartPalette.Background);
        Text(width / 2, 26, title, 17, TextAnchor.Middle, bold: true);
        Text(width / 2, 46, subtitle, 12, TextAnchor.Middle, color: ChartPalette.Axis);
        var x = left;
        foreach (var (label, color) in legend)
        {
            Rect(x, 60, 14, 14, color);
            Text(x + 20, 72, label, 12.5);
            x += 40 + TextWidth(label, 12.5);
        }
    }

    /// <summary>Grid lines and tick labels for the y scale (bytes divided by <paramref name="divisor"/>), the y title, the x title.</summary>
    public void YAxis(double divisor, string yTitle, string xTitle, double xTitleBelow = 42)
    {
        foreach (var t in Y.Ticks())
        {
            Line(Left, PY(t), Right, PY(t), ChartPalette.Grid);
            Text(Left - 8, PY(t) + 4, Scale.Label(t / divisor), 12, TextAnchor.End);
        }
        Line(Left, Bottom, Right, Bottom, ChartPalette.Axis);
        Line(Left, Top, Left, Bottom, ChartPalette.Axis);
        Text(18, Top + (PlotHeight / 2), yTitle, 13, TextAnchor.Middle, rotate: -90);
        Text(Left + (PlotWidth / 2), Bottom + xTitleBelow, xTitle, 13, TextAnchor.Middle);
    }

    /// <summary>Tick labels for a numeric x scale.</summary>
    public void XTicks()
    {
        foreach (var t in X.Ticks())
        {
            Line(PX(t), Bottom, PX(t), Bottom + 5, ChartPalette.Axis);
            Text(PX(t), Bottom + 20, Scale.Label(t), 12, TextAnchor.Middle);
        }
    }

    /// <summary>A conservative width estimate for DejaVu Sans (about 0.6 em per character), for layout without font metrics.</summary>
    public static double TextWidth(string text, double size) => text.Length * size * 0.64;

    public Chart Build(string name, string title) => new(name, title, width, height, elements.ToImmutable());
}
