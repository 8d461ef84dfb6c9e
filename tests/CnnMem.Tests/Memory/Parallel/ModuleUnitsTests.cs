using System.Collections.Immutable;
using CnnMem.Memory.Parallel;

namespace CnnMem.Tests.Memory.Parallel;

public class ModuleUnitsTests
{
    [Theory]
    [InlineData("/layer1/layer1.0/conv1/Conv", 1, "layer1")]
    [InlineData("/layer1/layer1.0/conv1/Conv", 2, "layer1/layer1.0")]
    [InlineData("/layer1/layer1.0/conv1/Conv", 3, "layer1/layer1.0/conv1")]
    [InlineData("/layer1/layer1.0/conv1/Conv", 4, null)]
    [InlineData("/conv1/Conv", 2, null)]
    [InlineData("/Conv", 1, null)]
    [InlineData("C1", 1, "C1")]
    [InlineData("C1", 2, null)]
    public void UnitAt_TakesTheModulePathPrefix(string node, int depth, string? unit) => Assert.Equal(unit, ModuleUnits.UnitAt(node, depth));

    [Fact]
    public void AtDepth_GroupsInForwardOrder_AndLeavesShortPathsInTheRoot()
    {
        var ps = new[] { "/conv1/Conv", "/layer1/layer1.0/conv1/Conv", "/layer1/layer1.0/conv2/Conv", "/layer1/layer1.1/conv1/Conv", "/fc/Gemm" }
            .Select((n, i) => new ParamEntry(n, $"p{i}", 10, 10, 4, true));
        var (units, root) = ModuleUnits.AtDepth(ps, 2);
        Assert.Equal(["layer1/layer1.0", "layer1/layer1.1"], units.Select(u => u.Name));
        Assert.Equal([2, 1], units.Select(u => u.Params.Length));
        Assert.Equal(["p0", "p4"], root.Select(p => p.Name));
    }
}
