namespace CnnMem.Import.Spec;

/// <summary>One whitespace-separated word of a spec line and the 1-based column where it starts.</summary>
internal sealed record SpecToken(string Text, int Column)
{
    /// <summary>The column just past the token, where an error about something missing after it points.</summary>
    public int End => checked(Column + Text.Length);
}
