using CnnMem.Core;
using CnnMem.Memory.Parallel;
using CnnMem.Pipeline;

namespace CnnMem.Tests.Core;

/// <summary>
/// The report's enums are named in one table each, which the command line parses with and the JSON writes: every value
/// has a name, and each name (any case, spaces around) parses back to its value.
/// </summary>
public class NameTableTests
{
    [Fact]
    public void EveryValue_HasANameThatParsesBack()
    {
        RoundTrip(Frameworks.Names);
        RoundTrip(Backends.Names);
        RoundTrip(ZeroGradModes.Names);
        RoundTrip(ParallelPrecisions.Names);
        RoundTrip(SummaryBases.Names);
    }

    [Theory]
    [InlineData(Framework.PyTorch2, "pytorch-2")]
    [InlineData(Framework.PyTorch113, "pytorch-1.13")]
    public void Framework_NamesAreTheContract(Framework f, string name) => Assert.Equal(name, Frameworks.Name(f));

    [Fact]
    public void ContractNames_AreTodays()
    {
        Assert.Equal(["pytorch-2", "pytorch-1.13", "pytorch"], Frameworks.Names.Accepted);
        Assert.Equal(["cpu", "cuda"], Backends.Names.Accepted);
        Assert.Equal(["set-to-none", "zero"], ZeroGradModes.Names.Accepted);
        Assert.Equal(["fp32", "half", "fp64", "autocast", "autocast_half_gather", "half_fp32_master"], ParallelPrecisions.Names.Accepted);
        Assert.Equal(["ddp", "zero1", "zero2", "zero3", "fsdp"], ParallelStrategies.Names);
        Assert.Equal(["textbook", "cpu_static_plus_peak", "cuda_static_plus_peak", "cuda_device_total"], SummaryBases.Names.Accepted);
    }

    [Fact]
    public void Alias_Pytorch_MeansOneThirteen()
    {
        Assert.True(Frameworks.Names.TryParse(" PyTorch ", out var f));
        Assert.Equal(Framework.PyTorch113, f);
        Assert.False(Backends.Names.TryParse("tpu", out _));
    }

    private static void RoundTrip<T>(NameTable<T> table)
        where T : struct, Enum
    {
        foreach (var v in Enum.GetValues<T>())
        {
            Assert.True(table.TryParse(table.Name(v).ToUpperInvariant(), out var back), $"{v}");
            Assert.Equal(v, back);
        }
    }
}
