using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace CnnMem.Cli;

/// <summary>
/// Prints cnnmem's own version. The stock action reads the entry assembly's, which is the test host's
/// when the command runs in-process.
/// </summary>
internal sealed class VersionAction : SynchronousCommandLineAction
{
    public static string Version =>
        typeof(VersionAction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(VersionAction).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine($"cnnmem {Version}");
        return ExitCodes.Success;
    }
}
