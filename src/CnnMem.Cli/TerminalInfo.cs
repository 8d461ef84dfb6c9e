namespace CnnMem.Cli;

/// <summary>
/// Where output goes. Piped or redirected output (and tests) get no ANSI codes and a fixed width so
/// the text is stable; a terminal gets colours and its own width.
/// </summary>
public sealed record TerminalInfo(bool Interactive, int Width)
{
    /// <summary>The width used whenever output is not a terminal.</summary>
    public const int FixedWidth = 120;

    public static TerminalInfo Plain { get; } = new(false, FixedWidth);

    public static TerminalInfo Detect()
    {
        if (Console.IsOutputRedirected)
        {
            return Plain;
        }
        try
        {
            return new TerminalInfo(true, Math.Max(Console.WindowWidth, 80));
        }
        catch (IOException)
        {
            return Plain;
        }
    }
}
