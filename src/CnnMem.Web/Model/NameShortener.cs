namespace CnnMem.Web.Model;

/// <summary>Shortens long layer names (ONNX exports: "/layer1/layer1.0/conv1/Conv") for the table; the full name goes in a tooltip.</summary>
public static class NameShortener
{
    public const int DefaultMax = 32;

    /// <summary>Keeps the start and the end, which tell layers apart, with an ellipsis in between.</summary>
    public static string Shorten(string name, int max = DefaultMax)
    {
        if (name.Length <= max)
        {
            return name;
        }
        var tail = (max - 1) * 2 / 3;
        var head = max - 1 - tail;
        return string.Concat(name.AsSpan(0, head), "\u2026", name.AsSpan(name.Length - tail));
    }
}
