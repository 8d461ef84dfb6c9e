using System.Collections.Immutable;
using CnnMem.Cli;
using CnnMem.Cli.Commands;

namespace CnnMem.Tests.Memory;

public class FitCommandTests
{
    private static CliContext Context(StringWriter output)
    {
        var graph = TestGraphs.ConvReluConv(1).Graph;
        var loader = new ModelLoader(name => name == "tiny" ? graph : null, () => ImmutableArray.Create("tiny"));
        return new CliContext(output, new StringWriter(), TerminalInfo.Plain, loader, TestGraphs.Registry);
    }

    private static ModelSettings Settings(MemoryOptions memory) =>
        ModelSettings.Create("float32", [], allowUnknown: false, "table", null, "si") with { Memory = memory };

    [Fact]
    public void Fit_MemoryBudget_PrintsBatchPerMode()
    {
        var output = new StringWriter();
        var code = FitCommand.Run(Context(output), "tiny", "3MB", null, new[] { "sgd", "adam" }, Settings(MemoryOptions.PyTorch113Cpu));
        Assert.Equal(0, code);
        var text = output.ToString();
        Assert.Contains("inference: batch ", text);
        Assert.Contains("training (sgd, float32): batch ", text);
        Assert.Contains("training (adam, float32): batch ", text);
    }

    [Fact]
    public void Fit_TwoBudgets_Fails()
    {
        var e = Assert.Throws<CnnMemException>(() => FitCommand.Run(Context(new StringWriter()), "tiny", "3MB", "a100-80gb", new[] { "sgd" }, Settings(MemoryOptions.PyTorch113Cpu)));
        Assert.Contains("exactly one budget", e.Message);
    }

    [Fact]
    public void Fit_CudaContextLargerThanBudget_DoesNotFit()
    {
        var output = new StringWriter();
        var code = FitCommand.Run(Context(output), "tiny", "100MB", null, new[] { "sgd" }, Settings(new MemoryOptions { Framework = Framework.PyTorch113, Backend = Backend.Cuda, CudaContextBytes = 200_000_000 }));
        Assert.Equal(1, code);
        Assert.Contains("does not fit even at batch 1", output.ToString());
    }
}
