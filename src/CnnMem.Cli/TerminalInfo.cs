namespace CnnMem.Cli;

/// <summary>
/// Where output goes. Piped or redirected output (and tests) get no ANSI codes and a fixed width so
/// the text is stable; a terminal gets colours and its own width.
/// </summary>
internal sealed record TerminalInfo(bool Interactive, int Width)
{
    /// <summary>The width used whenever output is not a terminal.</summary>
    public const int FixedWidth = 120;

    public static TerminalInfo Plain { get; } = new(false, FixedWidth);

    /// <summary>The narrowest width the layout supports; a smaller COLUMNS is raised to it.</summary>
    public const int MinWidth = 60;

    /// <summary>Terminal or not; the width is COLUMNS when set, else the terminal's, else <see cref="FixedWidth"/>.</summary>
    public static TerminalInfo Detect() => Detect(Environment.GetEnvironmentVariable("COLUMNS"), Console.IsOutputRedirected);

    public static TerminalInfo Detect(string? columns, bool redirected)
    {
        int? fromEnv = int.TryParse(columns, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var c) && c > 0
            ? Math.Max(c, MinWidth)
            : null;
        if (redirected)
        {
            return new TerminalInfo(false, fromEnv ?? FixedWidth);
        }
        try
        {
            return new TerminalInfo(true, fromEnv ?? Math.Max(Console.WindowWidth, MinWidth));
        }
        catch (IOException)
        {
            return Plain with { Width = fromEnv ?? FixedWidth };
        }
    }
}
