using System.Globalization;

namespace CnnMem.Web.Model;

/// <summary>The page's form of the CLI's <c>--input HxW</c> for a zoo network: <c>320x320</c>, or one size for both.</summary>
public static class InputSize
{
    public static (long Height, long Width) Parse(string? text)
    {
        var t = (text ?? "").Trim().ToLowerInvariant();
        var parts = t.Split('x', StringSplitOptions.TrimEntries);
        var sizes = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts.Length > 2 || !long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out sizes[i]) || sizes[i] < 1)
            {
                throw new CnnMemException($"input size: expected HxW in pixels (e.g. 320x320) or one size for both, found '{t}'");
            }
        }
        return (sizes[0], sizes.Length == 2 ? sizes[1] : sizes[0]);
    }
}
