using Spectre.Console;

namespace CnnMem.Cli;

/// <summary>Spectre consoles over a <see cref="TextWriter"/>: ANSI and Unicode borders only for a terminal, fixed width otherwise.</summary>
internal static class ConsoleFactory
{
    public static IAnsiConsole Create(TextWriter writer, TerminalInfo terminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal.Interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal.Interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = terminal.Width;
        return console;
    }

    /// <summary>Rounded Unicode borders on a terminal; plain ASCII in files and pipes, whatever the encoding.</summary>
    public static TableBorder Border(TerminalInfo terminal) => terminal.Interactive ? TableBorder.Rounded : TableBorder.Ascii;
}
