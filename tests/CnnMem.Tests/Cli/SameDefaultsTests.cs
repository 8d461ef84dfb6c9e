using CnnMem.Core;
using CnnMem.Cli;
using CnnMem.Cli.Commands;
using CnnMem.Rendering;

namespace CnnMem.Tests.Cli;

/// <summary>
/// The CLI reads its defaults from the library (<see cref="AnalysisOptions"/>, <see cref="MemoryOptions"/>) rather than
/// restating them: a command line that gives no option is the library's defaults, and the two give the same report.
/// The web page's settings are checked the same way in CnnMem.Web.Tests (WebSettingsDefaultsTests).
/// </summary>
public class SameDefaultsTests
{
    private static AnalyzeSettings Parse(params string[] args)
    {
        var analyze = new AnalyzeCommand();
        var command = analyze.Build(new CliContext(TextWriter.Null, TextWriter.Null, TerminalInfo.Plain, CliRun.TinyLoader, CnnMem.Ops.OpRegistry.Default));
        return analyze.Read(command.Parse(args));
    }

    [Fact]
    public void Analyze_NoOptions_IsTheLibrarysDefaults()
    {
        var library = new AnalysisOptions();
        var cli = Parse("tiny");
        Assert.Equal(library.Memory, cli.Memory);
        Assert.Equal(Framework.PyTorch2, cli.Memory.Framework);
        Assert.Equal(Backend.Cuda, cli.Memory.Backend);
        Assert.Equal(library.DType, cli.DType);
        Assert.Equal(library.Optimizer, cli.Optimizer);
        Assert.Equal(library.AllowUnknown, cli.AllowUnknown);
        Assert.Equal(library.Parallel, cli.Parallel);
        Assert.Equal(library.Device, cli.Device);
        Assert.Empty(cli.Dims);
        Assert.Empty(cli.Freeze);
        Assert.Null(cli.Batch); // the CLI's own rule: the file's declared batch, else 64 for built-ins and 1 for files
        Assert.Equal(MemoryCliOptions.DefaultFramework, Frameworks.Name(library.Memory.Framework));
        Assert.Equal(MemoryCliOptions.DefaultBackend, Backends.Name(library.Memory.Backend));
    }

    [Fact]
    public void MemoryOptions_NoneGiven_IsTheLibrarysDefaults() =>
        Assert.Equal(new MemoryOptions(), MemoryCliOptions.Create(new MemoryCliValues()));

    [Fact]
    public void DeviceWithoutBackend_StaysOnTheDefaultCuda()
    {
        Assert.Equal(Parse("tiny").Memory, Parse("tiny", "--device", "h100").Memory);
        Assert.Equal(Backend.Cpu, Parse("tiny", "--device", "h100", "--backend", "cpu").Memory.Backend);
    }

    [Fact]
    public void Cli_AndLibrary_WriteTheSameReport()
    {
        var cli = CliRun.Of("analyze", "seed", "--format", "json");
        Assert.Equal(ExitCodes.Success, cli.ExitCode);
        var library = JsonReportWriter.Write(Model.BuiltIn("seed").Analyze(new AnalysisOptions { Batch = 64 }));
        Assert.Equal(library, cli.Out);
    }
}
