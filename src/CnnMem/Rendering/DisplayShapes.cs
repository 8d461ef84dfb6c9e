using CnnMem.Graphs;

namespace CnnMem.Rendering;

/// <summary>
/// Shapes as the user wrote them. Analysis keeps (N, C, D1..); a channels-last model is shown as
/// (N, D1.., C), so an hwc spec reads back as 64x50x50x32. Tensors of rank below 3 (N, features)
/// have no channel axis to move and are shown as stored.
/// </summary>
internal static class DisplayShapes
{
    public static Shape ToDisplay(Shape shape, DisplayLayout layout)
    {
        if (layout != DisplayLayout.ChannelsLast || !shape.IsRanked || shape.Rank < 3)
        {
            return shape;
        }
        var dims = shape.Dims;
        return new Shape(new[] { dims[0] }.Concat(dims.Skip(2)).Append(dims[1]));
    }

    /// <summary>"64x50x50x32"; "?" for an unknown rank; unknown dims print as "?".</summary>
    public static string Text(Shape shape, DisplayLayout layout) => ToDisplay(shape, layout).ToString();

    /// <summary>Dimension sizes for JSON, null for a dimension that is not known; null for an unknown rank.</summary>
    public static long?[]? Sizes(Shape shape, DisplayLayout layout) =>
        shape.IsRanked ? ToDisplay(shape, layout).Dims.Select(d => d.Value).ToArray() : null;

    /// <summary>"nchw" or "nhwc", the JSON name of a layout.</summary>
    public static string LayoutName(DisplayLayout layout) => layout == DisplayLayout.ChannelsLast ? "nhwc" : "nchw";
}
