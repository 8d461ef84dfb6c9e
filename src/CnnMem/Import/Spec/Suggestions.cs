namespace CnnMem.Import.Spec;

/// <summary>
/// "Did you mean" for misspelt keywords, options and layer names.
/// 1. Distance is the optimal-string-alignment edit distance (insert, delete, substitute, swap two
///    neighbours), ignoring case, so 'maxpoll', 'mxapool' and 'MaxPool' all find 'maxpool'.
/// 2. A candidate qualifies when the distance is at most a third of the longer word (at least 1),
///    so short words are not matched to unrelated short words.
/// 3. The nearest qualifying candidate wins; ties go to the alphabetically first, for stable messages.
/// </summary>
internal static class Suggestions
{
    public static string? Closest(string found, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var c in candidates.Distinct(StringComparer.Ordinal).OrderBy(c => c, StringComparer.Ordinal))
        {
            var d = Distance(found.ToLowerInvariant(), c.ToLowerInvariant());
            var limit = Math.Max(1, Math.Max(found.Length, c.Length) / 3);
            if (d <= limit && d < bestDistance)
            {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }

    public static int Distance(string a, string b)
    {
        // Long garbage (fuzzing, a pasted binary) is never a typo of a keyword; skip the quadratic work.
        if (Math.Abs(a.Length - b.Length) > 8 || a.Length > 64 || b.Length > 64)
        {
            return int.MaxValue;
        }
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }
}
