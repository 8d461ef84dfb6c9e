using System.Collections.Immutable;

namespace CnnMem.Import.Spec;

/// <summary>
/// Splits spec text into lines and lines into tokens.
/// 1. Lines end at \n, \r\n or \r; line numbers are 1-based.
/// 2. A '#' starts a comment that runs to the end of the line.
/// 3. Tokens are separated by spaces or tabs; each keeps its 1-based column so errors can point at it.
/// </summary>
internal static class SpecTokenizer
{
    public static IEnumerable<(int Line, ImmutableArray<SpecToken> Tokens)> Lines(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var tokens = Tokenize(lines[i]);
            if (!tokens.IsEmpty)
            {
                yield return (i + 1, tokens);
            }
        }
    }

    public static ImmutableArray<SpecToken> Tokenize(string line)
    {
        var hash = line.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            line = line[..hash];
        }
        var tokens = ImmutableArray.CreateBuilder<SpecToken>();
        var i = 0;
        while (i < line.Length)
        {
            if (char.IsWhiteSpace(line[i]))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < line.Length && !char.IsWhiteSpace(line[i]))
            {
                i++;
            }
            tokens.Add(new SpecToken(line[start..i], start + 1));
        }
        return tokens.ToImmutable();
    }
}
