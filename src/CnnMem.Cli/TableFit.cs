namespace CnnMem.Cli;

/// <summary>
/// Fits a table into the output width without splitting a cell (every column is no-wrap):
/// 1. a table with ASCII or rounded borders is sum(column widths) + 3 per column + 1 wide;
/// 2. when it is too wide, the flexible column (layer names) narrows to what is left, down to <see cref="MinFlex"/>;
/// 3. below that, columns leave in the given order (each said under the table) until the names get their minimum;
/// 4. names longer than their column are shortened in the middle (<see cref="Elide"/>), never wrapped.
/// </summary>
internal static class TableFit
{
    public const int MinFlex = 16;

    /// <summary>The columns to show (indices, in order) and the flexible column's width.</summary>
    public static (List<int> Shown, int FlexWidth) Fit(IReadOnlyList<int> natural, int flex, IReadOnlyList<int> dropOrder, int width)
    {
        var shown = Enumerable.Range(0, natural.Count).ToList();
        foreach (var next in dropOrder.Append(-1))
        {
            var others = shown.Where(i => i != flex).Sum(i => natural[i] + 3) + 3 + 1;
            var left = width - others;
            if (left >= Math.Min(natural[flex], MinFlex) || next < 0)
            {
                return (shown, Math.Max(Math.Min(natural[flex], left), Math.Min(natural[flex], MinFlex)));
            }
            shown.Remove(next);
        }
        return (shown, natural[flex]);
    }

    /// <summary>"layer1.0.downsample.0" in 14 columns: "layer..mple.0"; the end (the most specific part) keeps more.</summary>
    public static string Elide(string text, int width)
    {
        if (text.Length <= width || width < 5)
        {
            return text.Length <= width ? text : text[..Math.Max(width, 1)];
        }
        var head = (width - 2) / 3;
        var tail = width - 2 - head;
        return text[..head] + ".." + text[^tail..];
    }
}
