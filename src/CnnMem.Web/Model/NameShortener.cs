namespace CnnMem.Web.Model;

/// <summary>Shortens long layer names (ONNX exports: "/layer1/layer1.0/downsample/downsample.0/Conv") for the table; the full name goes in a tooltip.</summary>
internal static class NameShortener
{
    public const int DefaultMax = 40;

    private const string Ellipsis = "\u2026";

    /// <summary>
    /// 1. A name that fits stays. 2. A path-like name keeps as many of its last segments as fit, after "…/"
    /// (the end tells layers apart). 3. Otherwise the start and the end, with an ellipsis in between.
    /// </summary>
    public static string Shorten(string name, int max = DefaultMax)
    {
        if (name.Length <= max)
        {
            return name;
        }
        var cut = name.Length;
        while (name.LastIndexOf('/', cut - 1) is var slash and > 0 && name.Length - slash + Ellipsis.Length <= max)
        {
            cut = slash;
        }
        if (cut < name.Length && name.Length - cut > 1)
        {
            return Ellipsis + name[cut..];
        }
        var tail = (max - 1) * 2 / 3;
        var head = max - 1 - tail;
        return string.Concat(name.AsSpan(0, head), Ellipsis, name.AsSpan(name.Length - tail));
    }
}
