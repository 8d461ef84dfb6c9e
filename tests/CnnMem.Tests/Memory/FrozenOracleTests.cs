using CnnMem.Zoo;
using CnnMem.Pipeline;

namespace CnnMem.Tests.Memory;

/// <summary>Fine-tuning with frozen parameters against PyTorch's measurements: the classifier alone, and the first half frozen.</summary>
public class FrozenOracleTests
{
    public static IEnumerable<object[]> Cases() => FrozenOracle.Cases().Select(c => new object[] { c });

    /// <summary>
    /// Figures known to miss, with their cause; the test fails when one starts to pass. None at present: RegNet with its stem frozen
    /// missed by exactly its stem output (12,845,056 bytes at batch 8) until module arguments lived until their call returns.
    /// </summary>
    public static readonly IReadOnlySet<string> KnownMisses = new HashSet<string>(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Frozen_EveryFigure_WithinTolerance(string name)
    {
        var rows = FrozenOracle.Rows(name).ToList();
        var misses = rows.Where(r => !r.Within && !KnownMisses.Contains($"{name}/{r.Figure}"))
            .Select(r => $"{r.Figure}: measured {r.Measured}, estimated {r.Estimated} ({r.Error:P2}, tolerance {r.Tolerance:P0})").ToList();
        Assert.True(misses.Count == 0, string.Join("\n", misses));
        var fixedNow = rows.Where(r => r.Within && KnownMisses.Contains($"{name}/{r.Figure}")).Select(r => r.Figure).ToList();
        Assert.True(fixedNow.Count == 0, $"known misses now within tolerance (remove them from KnownMisses): {string.Join(", ", fixedNow)}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Frozen_SameParameters_AsPyTorch(string name)
    {
        var (doc, graph, options, batch) = FrozenOracle.Load(name);
        using var _ = doc;
        var expected = doc.RootElement.GetProperty("frozen_params").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal);
        var inference = Analyzer.Infer(graph, options, batch);
        Assert.Equal(expected, inference.FrozenParams.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Frozen_CoversTheIssuesSetups()
    {
        var cases = FrozenOracle.Cases().ToList();
        Assert.Contains("resnet18__head__b8", cases);
        Assert.Contains("resnet18__half__b8", cases);
        // networks outside ../shared/oracle, whose exports live beside the measurements
        Assert.True(cases.Count(c => File.Exists(Path.Combine(FrozenOracle.Dir, "models", c.Split("__")[0] + ".train.onnx"))) >= 3);
    }

    /// <summary>The built-in torchvision network names its parameters as torchvision does, so the same rules freeze the same tensors.</summary>
    [Theory]
    [InlineData("resnet18__head__b8")]
    [InlineData("resnet18__half__b8")]
    public void Frozen_BuiltInZooNetwork_MatchesPyTorch(string name)
    {
        var misses = FrozenOracle.Rows(name, m => ZooModels.TryBuild(m, null, null, out var g) && g is not null ? g : throw new InvalidOperationException($"no built-in {m}"))
            .Where(r => !r.Within).Select(r => $"{r.Figure}: measured {r.Measured}, estimated {r.Estimated} ({r.Error:P2})").ToList();
        Assert.True(misses.Count == 0, string.Join("\n", misses));
    }

    [Fact]
    public void Frozen_HeadOnly_ResNet18_IssueFigures()
    {
        var (doc, graph, options, batch) = FrozenOracle.Load("resnet18__head__b8");
        using var _ = doc;
        var report = Analyzer.Analyze(graph, options with { Batch = batch, Optimizer = Optimizer.Momentum });
        Assert.Equal(11_689_512, report.Totals.Params);
        Assert.Equal(513_000, report.Totals.TrainableParams);
        Assert.Equal(2_052_000, report.Memory.Training!.GradientBytes);
        Assert.Equal(2_052_000, report.Memory.Training!.OptimizerStateBytes);
        var full = Analyzer.Analyze(graph, new AnalysisOptions { Batch = batch, Optimizer = Optimizer.Momentum, Memory = MemoryOptions.PyTorch113Cpu });
        Assert.True(report.Memory.Training.SteadyPeakBytes * 3 < full.Memory.Training!.SteadyPeakBytes);
    }
}
