using System.Globalization;

namespace CnnMem.Cli;

/// <summary>The <c>--input HxW</c> option: a zoo network's input height and width in pixels.</summary>
internal sealed record ImageSize(long Height, long Width)
{
    public static ImageSize? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }
        var parts = text.Split('x', 'X');
        if (parts.Length == 1 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0)
        {
            return new ImageSize(s, s);
        }
        if (parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var w)
            && h > 0 && w > 0)
        {
            return new ImageSize(h, w);
        }
        throw new CnnMemException($"--input expects HEIGHTxWIDTH in pixels, e.g. 320x320 (or one number for a square); found '{text}'");
    }
}
