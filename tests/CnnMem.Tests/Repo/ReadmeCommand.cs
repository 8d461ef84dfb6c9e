namespace CnnMem.Tests.Repo;

/// <summary>One example command of a Markdown file: its 1-based line, its text and its words.</summary>
internal sealed record ReadmeCommand(int Line, string Text, string[] Words);
