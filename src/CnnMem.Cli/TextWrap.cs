namespace CnnMem.Cli;

/// <summary>Word wrapping with a hanging indent and no trailing spaces, so piped output is stable and diff-friendly.</summary>
internal static partial class TextWrap
{
    /// <summary>A number and its unit ("2.98 GB", "4.09 G", "(1,024 bytes)") stay on one line.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=\d) (?=(B|kB|MB|GB|TB|PB|EB|KiB|MiB|GiB|TiB|PiB|EiB|k|M|G|T|P|E|bytes)\b)")]
    private static partial System.Text.RegularExpressions.Regex NumberUnit();

    /// <summary>Wraps at spaces, never inside a number and its unit.</summary>
    public static IEnumerable<string> Lines(string text, int width, string firstPrefix, string nextPrefix) =>
        Words(NumberUnit().Replace(text, "\u00A0"), width, firstPrefix, nextPrefix).Select(l => l.Replace('\u00A0', ' '));

    private static IEnumerable<string> Words(string text, int width, string firstPrefix, string nextPrefix)
    {
        var line = firstPrefix;
        var empty = true;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!empty && line.Length + 1 + word.Length > width)
            {
                yield return line;
                line = nextPrefix;
                empty = true;
            }
            line += (empty ? "" : " ") + word;
            empty = false;
        }
        yield return line;
    }
}
