namespace CnnMem.Rendering.Charts;

/// <summary>The few drawing primitives the charts use, so an SVG writer and a PNG painter draw the same picture.</summary>
internal enum ChartElementKind
{
    Rect,
    Line,
    Polyline,
    Circle,
    Text,
}
