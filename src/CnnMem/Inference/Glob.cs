namespace CnnMem.Inference;

/// <summary>
/// Shell-style globs as Python's <c>fnmatch</c> reads them, so a PyTorch user's patterns mean here what they mean there:
/// <c>*</c> any run of characters (dots included), <c>?</c> one character, <c>[abc]</c>, <c>[0-6]</c> one of a set,
/// <c>[!x]</c> (or <c>[^x]</c>) one character not in it; an unclosed <c>[</c> is a literal. Case-sensitive.
/// </summary>
internal static class Glob
{
    public static bool Matches(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        // 1. walk both; on '*' remember where it stood and how much of the text it has taken;
        // 2. on a mismatch, let the last '*' take one more character and retry from there (linear per star: no backtracking explosion).
        int p = 0, t = 0, star = -1, taken = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                taken = t;
                continue;
            }
            if (p < pattern.Length && One(pattern, ref p, text[t]))
            {
                t++;
                continue;
            }
            if (star < 0)
            {
                return false;
            }
            p = star + 1;
            t = ++taken;
        }
        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }
        return p == pattern.Length;
    }

    /// <summary>Whether the pattern element at <paramref name="p"/> matches <paramref name="c"/>; advances past it when it does.</summary>
    private static bool One(ReadOnlySpan<char> pattern, ref int p, char c)
    {
        if (pattern[p] == '?')
        {
            p++;
            return true;
        }
        if (pattern[p] == '[' && SetEnd(pattern, p) is var end and > 0)
        {
            var i = p + 1;
            var negate = pattern[i] is '!' or '^';
            if (negate)
            {
                i++;
            }
            var hit = false;
            while (i < end)
            {
                if (i + 2 < end && pattern[i + 1] == '-')
                {
                    hit |= c >= pattern[i] && c <= pattern[i + 2];
                    i += 3;
                }
                else
                {
                    hit |= c == pattern[i];
                    i++;
                }
            }
            if (hit == negate)
            {
                return false;
            }
            p = end + 1;
            return true;
        }
        if (pattern[p] != c)
        {
            return false;
        }
        p++;
        return true;
    }

    /// <summary>The index of the ']' that closes the set at <paramref name="open"/> (a ']' first in the set is a member), or -1.</summary>
    private static int SetEnd(ReadOnlySpan<char> pattern, int open)
    {
        var i = open + 1;
        if (i < pattern.Length && pattern[i] is '!' or '^')
        {
            i++;
        }
        if (i < pattern.Length && pattern[i] == ']')
        {
            i++;
        }
        for (; i < pattern.Length; i++)
        {
            if (pattern[i] == ']')
            {
                return i;
            }
        }
        return -1;
    }
}
