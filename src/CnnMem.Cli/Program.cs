namespace CnnMem.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        using var stdoutBytes = Console.OpenStandardOutput();
        return CliApp.Run(args, Console.Out, Console.Error, TerminalInfo.Detect(), stdoutBytes: stdoutBytes);
    }
}
