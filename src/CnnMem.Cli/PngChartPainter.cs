using CnnMem.Rendering.Charts;
using SkiaSharp;

namespace CnnMem.Cli;

/// <summary>
/// A chart's primitives painted with SkiaSharp into a PNG, 1.5 times the SVG's size (1,440 px wide for the 960 px charts).
/// Only the CLI paints PNGs: the library's charts stay plain SVG, so the browser app needs no native code. Text uses
/// DejaVu Sans from the usual font folders (the native library has no font configuration of its own).
/// </summary>
internal static class PngChartPainter
{
    public const float Scale = 1.5f;

    private static readonly string[] FontFolders = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts", "/Library/Fonts", "C:\\Windows\\Fonts"];

    private static readonly Lazy<SKTypeface> Regular = new(() => Font("DejaVuSans.ttf", "Verdana", SKFontStyle.Normal));

    private static readonly Lazy<SKTypeface> Bold = new(() => Font("DejaVuSans-Bold.ttf", "Verdana", SKFontStyle.Bold));

    public static byte[] Paint(Chart chart)
    {
        var info = new SKImageInfo((int)Math.Ceiling(chart.Width * Scale), (int)Math.Ceiling(chart.Height * Scale));
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.Scale(Scale);
        foreach (var e in chart.Elements)
        {
            Draw(canvas, e);
        }
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static void Draw(SKCanvas canvas, ChartElement e)
    {
        var color = SKColor.Parse(e.Color);
        using var paint = new SKPaint { IsAntialias = true, Color = color };
        switch (e.Kind)
        {
            case ChartElementKind.Rect:
                paint.Color = color.WithAlpha((byte)Math.Round(255 * e.Opacity));
                canvas.DrawRect((float)e.X, (float)e.Y, (float)e.X2, (float)e.Y2, paint);
                break;
            case ChartElementKind.Line:
                Stroke(paint, e);
                canvas.DrawLine((float)e.X, (float)e.Y, (float)e.X2, (float)e.Y2, paint);
                break;
            case ChartElementKind.Polyline:
                Stroke(paint, e);
                paint.StrokeJoin = SKStrokeJoin.Round;
                using (var path = new SKPath())
                {
                    for (var i = 0; i < e.Points.Length; i++)
                    {
                        var (x, y) = e.Points[i];
                        if (i == 0)
                        {
                            path.MoveTo((float)x, (float)y);
                        }
                        else
                        {
                            path.LineTo((float)x, (float)y);
                        }
                    }
                    canvas.DrawPath(path, paint);
                }
                break;
            case ChartElementKind.Circle:
                canvas.DrawCircle((float)e.X, (float)e.Y, (float)e.X2, paint);
                break;
            case ChartElementKind.Text:
                Text(canvas, e, paint);
                break;
        }
    }

    private static void Stroke(SKPaint paint, ChartElement e)
    {
        paint.Style = SKPaintStyle.Stroke;
        paint.StrokeWidth = (float)e.StrokeWidth;
        if (e.Dashed)
        {
            paint.PathEffect = SKPathEffect.CreateDash([6, 4], 0);
        }
    }

    private static void Text(SKCanvas canvas, ChartElement e, SKPaint paint)
    {
        using var font = new SKFont(e.Bold ? Bold.Value : Regular.Value, (float)e.FontSize);
        var align = e.Anchor switch { TextAnchor.Middle => SKTextAlign.Center, TextAnchor.End => SKTextAlign.Right, _ => SKTextAlign.Left };
        canvas.Save();
        if (e.Rotate != 0)
        {
            canvas.RotateDegrees((float)e.Rotate, (float)e.X, (float)e.Y);
        }
        canvas.DrawText(e.Text ?? "", (float)e.X, (float)e.Y, align, font, paint);
        canvas.Restore();
    }

    private static SKTypeface Font(string file, string family, SKFontStyle style)
    {
        foreach (var folder in FontFolders)
        {
            var path = Path.Combine(folder, file);
            if (File.Exists(path) && SKTypeface.FromFile(path) is { } face)
            {
                return face;
            }
        }
        return SKTypeface.FromFamilyName(family, style) ?? SKTypeface.Default;
    }
}
