using System.Globalization;
using System.Text;

namespace CnnMem.Rendering.Charts;

/// <summary>
/// A <see cref="Chart"/> as a standalone SVG document: no scripts, no external fonts or images, so it shows the same in
/// a browser, inline in HTML and in a WebAssembly page. Coordinates with at most two decimals, invariant culture.
/// </summary>
internal static class SvgWriter
{
    public static string Write(Chart chart)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{N(chart.Width)}\" height=\"{N(chart.Height)}\" viewBox=\"0 0 {N(chart.Width)} {N(chart.Height)}\" ");
        sb.Append(CultureInfo.InvariantCulture, $"font-family=\"{ChartPalette.FontFamily}\" role=\"img\" aria-label=\"{Escape(chart.Title)}\" data-chart=\"{chart.Name}\">\n");
        sb.Append("<title>").Append(Escape(chart.Title)).Append("</title>\n");
        foreach (var e in chart.Elements)
        {
            Element(sb, e);
        }
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    private static void Element(StringBuilder sb, ChartElement e)
    {
        var tip = e.Tooltip is null ? "" : $"<title>{Escape(e.Tooltip)}</title>";
        var close = tip.Length == 0 ? "/>" : $">{tip}</{Tag(e.Kind)}>";
        var opacity = e.Opacity < 1 ? $" fill-opacity=\"{N(e.Opacity)}\"" : "";
        var dash = e.Dashed ? " stroke-dasharray=\"6 4\"" : "";
        switch (e.Kind)
        {
            case ChartElementKind.Rect:
                sb.Append($"<rect x=\"{N(e.X)}\" y=\"{N(e.Y)}\" width=\"{N(e.X2)}\" height=\"{N(e.Y2)}\" fill=\"{e.Color}\"{opacity}{close}\n");
                break;
            case ChartElementKind.Line:
                sb.Append($"<line x1=\"{N(e.X)}\" y1=\"{N(e.Y)}\" x2=\"{N(e.X2)}\" y2=\"{N(e.Y2)}\" stroke=\"{e.Color}\" stroke-width=\"{N(e.StrokeWidth)}\"{dash}{close}\n");
                break;
            case ChartElementKind.Polyline:
                sb.Append("<polyline fill=\"none\" stroke-linejoin=\"round\" points=\"")
                  .Append(string.Join(" ", e.Points.Select(p => $"{N(p.X)},{N(p.Y)}")))
                  .Append($"\" stroke=\"{e.Color}\" stroke-width=\"{N(e.StrokeWidth)}\"{dash}{close}\n");
                break;
            case ChartElementKind.Circle:
                sb.Append($"<circle cx=\"{N(e.X)}\" cy=\"{N(e.Y)}\" r=\"{N(e.X2)}\" fill=\"{e.Color}\"{close}\n");
                break;
            case ChartElementKind.Text:
                var anchor = e.Anchor switch { TextAnchor.Middle => " text-anchor=\"middle\"", TextAnchor.End => " text-anchor=\"end\"", _ => "" };
                var rotate = e.Rotate != 0 ? $" transform=\"rotate({N(e.Rotate)} {N(e.X)} {N(e.Y)})\"" : "";
                var bold = e.Bold ? " font-weight=\"bold\"" : "";
                sb.Append($"<text x=\"{N(e.X)}\" y=\"{N(e.Y)}\" font-size=\"{N(e.FontSize)}\" fill=\"{e.Color}\"{anchor}{bold}{rotate}>{Escape(e.Text ?? "")}</text>\n");
                break;
        }
    }

    private static string Tag(ChartElementKind kind) => kind.ToString().ToLowerInvariant();

    private static string N(double v) => Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);

    public static string Escape(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal);
}
