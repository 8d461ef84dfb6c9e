using CnnMem.Zoo;
using CnnMem.Pipeline;

namespace CnnMem.Tests.Zoo;

/// <summary>Every zoo network has exactly torchvision's parameter count (<see cref="TorchvisionParams"/>).</summary>
public class ZooParamsTests
{
    public static TheoryData<string> Names() => new(ZooModels.Entries.Select(e => e.Name));

    [Fact]
    public void Zoo_HasEveryTorchvisionClassificationNetwork() =>
        Assert.Equal(TorchvisionParams.Counts.Keys.Order(StringComparer.Ordinal), ZooModels.Entries.Select(e => e.Name).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Names))]
    public void Params_EqualTorchvision(string name)
    {
        Assert.True(TorchvisionParams.Counts.TryGetValue(name, out var expected), $"{name} is not in the torchvision table");
        Assert.True(ZooModels.TryBuild(name, null, null, out var graph));
        var report = Analyzer.Analyze(graph!, new AnalysisOptions { Batch = 1 });
        Assert.Equal(expected, report.Totals.Params);
        Assert.Equal(expected, report.Totals.TrainableParams);
    }
}
