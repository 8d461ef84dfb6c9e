namespace CnnMem.Cli;

/// <summary>What <c>--format</c> selects.</summary>
internal enum OutputFormat
{
    Table,
    Json,
    Csv,
    Markdown,
    Html,
}
