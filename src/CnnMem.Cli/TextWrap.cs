namespace CnnMem.Cli;

/// <summary>Word wrapping with a hanging indent and no trailing spaces, so piped output is stable and diff-friendly.</summary>
public static class TextWrap
{
    public static IEnumerable<string> Lines(string text, int width, string firstPrefix, string nextPrefix)
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
