using CnnMem.Cli;
using CnnMem.Tests.Rendering;

namespace CnnMem.Tests.Cli;

/// <summary>Runs the command in-process and captures what it writes.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    /// <summary>A loader whose only built-in, "tiny", is the hand-made two-conv network.</summary>
    public static ModelLoader TinyLoader { get; } = new(name => name == "tiny" ? TestGraphs.TwoConv() : null, () => ["tiny"]);

    public static CliRun Of(params string[] args) => With(null, args);

    public static CliRun With(ModelLoader? loader, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr, TerminalInfo.Plain, loader);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    public static CliRun Tiny(params string[] args) => With(TinyLoader, args);

    /// <summary>Stack traces print frames as "   at Type.Method"; user-facing errors never do.</summary>
    public bool HasStackTrace => Error.Contains("   at ", StringComparison.Ordinal) || Out.Contains("   at ", StringComparison.Ordinal);
}
