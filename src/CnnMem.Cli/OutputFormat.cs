namespace CnnMem.Cli;

/// <summary>What <c>--format</c> selects.</summary>
public enum OutputFormat
{
    Table,
    Json,
    Csv,
    Markdown,
    Html,
}
