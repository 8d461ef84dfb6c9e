namespace CnnMem.Import.Spec;

/// <summary>A line of a spec file; builds errors that point at a column of it (<c>file:line:column: ...</c>).</summary>
internal sealed record SpecSite(string File, int Line)
{
    public CnnMemException Error(int column, string message) => new($"{File}:{Line}:{column}: {message}");

    public CnnMemException Error(SpecToken token, string message) => Error(token.Column, message);

    /// <summary>"; did you mean 'x'?" or "" when no candidate is close.</summary>
    public static string DidYouMean(string found, IEnumerable<string> candidates) =>
        Suggestions.Closest(found, candidates) is { } best ? $"; did you mean '{best}'?" : "";
}
