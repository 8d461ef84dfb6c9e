using System.CommandLine;
using CnnMem.Ops;

namespace CnnMem.Cli;

/// <summary>
/// The testable entry point: parses the arguments, runs the command, and turns every failure into a
/// message and an exit code:
/// 1. parse errors: the messages and a usage hint on stderr, exit 2;
/// 2. input errors (<see cref="CnnMemException"/>, missing or unreadable files, a native library missing): the message, exit 2;
/// 3. anything else is a bug: "internal error", a hint to report it, exit 70; the stack trace only with CNNMEM_DEBUG=1.
/// </summary>
internal static class CliApp
{
    /// <param name="stdoutBytes">The byte stream behind <paramref name="stdout"/>, if any (<see cref="CliContext.OutBytes"/>).</param>
    /// <param name="pngUnavailable">Replaces the check for PNG charts' native library (<see cref="CliContext.PngUnavailable"/>).</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, TerminalInfo? terminal = null, ModelLoader? loader = null, Stream? stdoutBytes = null,
        Func<string?>? pngUnavailable = null)
    {
        var ctx = new CliContext(stdout, stderr, terminal ?? TerminalInfo.Plain, loader ?? ModelLoader.Default, OpRegistry.Default)
        {
            OutBytes = stdoutBytes,
            PngUnavailable = pngUnavailable ?? SkiaLibrary.Missing,
        };
        try
        {
            var parse = CliCommands.Build(ctx).Parse(args);
            if (parse.Errors.Count > 0)
            {
                foreach (var e in parse.Errors)
                {
                    stderr.WriteLine($"cnnmem: {e.Message}");
                }
                stderr.WriteLine("Run 'cnnmem --help' for usage.");
                return ExitCodes.UsageOrInput;
            }
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (CnnMemException e)
        {
            stderr.WriteLine($"cnnmem: error: {e.Message}");
            Debug(e, stderr);
            return ExitCodes.UsageOrInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"cnnmem: error: {e.Message}");
            Debug(e, stderr);
            return ExitCodes.UsageOrInput;
        }
        catch (Exception e) when (SkiaLibrary.Describe(e) is { } missing)
        {
            stderr.WriteLine($"cnnmem: error: {missing}");
            Debug(e, stderr);
            return ExitCodes.UsageOrInput;
        }
        catch (Exception e)
        {
            stderr.WriteLine($"cnnmem: internal error: {e.GetType().Name}: {e.Message}");
            stderr.WriteLine("This is a bug in cnnmem; please report it with the command line and the model. Set CNNMEM_DEBUG=1 for details.");
            Debug(e, stderr);
            return ExitCodes.Internal;
        }
    }

    private static void Debug(Exception e, TextWriter stderr)
    {
        if (Environment.GetEnvironmentVariable("CNNMEM_DEBUG") == "1")
        {
            stderr.WriteLine(e.ToString());
        }
    }
}
