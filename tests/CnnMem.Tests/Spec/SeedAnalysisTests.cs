using CnnMem.Graphs;
using CnnMem.Import.Spec;
using CnnMem.Reports;
using CnnMem.Pipeline;

namespace CnnMem.Tests.Spec;

/// <summary>
/// The classic answer's figures for its network (50x50x3 input, batch 64, float32), which the
/// built-in <c>seed</c> model must reproduce exactly, and the ceil-mode variant.
/// </summary>
public class SeedAnalysisTests
{
    private static AnalysisReport Analyze(string model, long batch = 64)
    {
        Assert.True(BuiltInModels.TryGet(model, out var graph));
        return Analyzer.Analyze(graph!, new AnalysisOptions { Batch = batch });
    }

    private static LayerReport Row(AnalysisReport r, string name) => r.Layers.Single(l => l.Name == name);

    // Per image, as the answer writes them (H x W x C, or features).
    [Theory]
    [InlineData("C1", new long[] { 50, 50, 32 }, 80_000L, 896L)]
    [InlineData("P1", new long[] { 25, 25, 32 }, 20_000L, 0L)]
    [InlineData("C2", new long[] { 25, 25, 64 }, 40_000L, 18_496L)]
    [InlineData("P2", new long[] { 12, 12, 64 }, 9_216L, 0L)]
    [InlineData("FC1", new long[] { 500 }, 500L, 4_608_500L)]
    [InlineData("FC2", new long[] { 10 }, 10L, 5_010L)]
    public void Seed_Layer_MatchesTheAnswer(string name, long[] hwc, long elementsPerImage, long prms)
    {
        var r = Analyze("seed");
        var row = Row(r, name);
        var nchw = hwc.Length == 3 ? new long[] { 64, hwc[2], hwc[0], hwc[1] } : new long[] { 64, hwc[0] };
        Assert.Equal(Shape.Of(nchw), row.OutputShape);
        Assert.Equal(elementsPerImage * 64, row.OutputElements);
        Assert.Equal(prms, row.Params);
        Assert.True(row.InTextbookSum);
    }

    [Fact]
    public void Seed_Totals_MatchTheAnswer()
    {
        var r = Analyze("seed");
        Assert.Equal(new[] { "C1", "P1", "C2", "P2", "FC1", "FC2" }, r.Layers.Select(l => l.Name));
        Assert.Equal(Shape.Of(64, 3, 50, 50), r.Inputs.Single().Shape);
        Assert.Equal(DisplayLayout.ChannelsLast, r.Layout);
        Assert.Equal(157_226, r.Totals.ActivationElementsPerSample);
        Assert.Equal(628_904, r.Memory.Naive.ActivationBytesPerSample);
        Assert.Equal(10_062_464, r.Totals.ActivationElements);
        Assert.Equal(4_632_902, r.Totals.Params);
        Assert.Equal(4_632_902, r.Totals.TrainableParams);
        Assert.Equal(4_632_902 * 4, r.Totals.ParamBytes);
    }

    [Fact]
    public void Seed_UnevenSecondPool_WarnsFloor12Ceil13()
    {
        var r = Analyze("seed");
        // One warning for both axes (rows and columns), giving both sizes.
        var p2 = Assert.Single(r.Warnings, w => w.StartsWith("P2", StringComparison.Ordinal));
        Assert.Contains("floor gives 12 (used), ceil would give 13", p2);
        Assert.Contains("the last 1 of 25 rows and columns are never read", p2);
        Assert.DoesNotContain(r.Warnings, w => w.StartsWith("P1", StringComparison.Ordinal));
    }

    [Fact]
    public void SeedCeil_SecondPool_Is13x13AndWidensFc1()
    {
        var r = Analyze("seed_ceil");
        Assert.Equal(Shape.Of(64, 64, 13, 13), Row(r, "P2").OutputShape);
        Assert.Equal((13 * 13 * 64 * 500) + 500, Row(r, "FC1").Params);
        Assert.Contains(r.Warnings, w => w.StartsWith("P2", StringComparison.Ordinal) && w.Contains("ceil mode gives 13", StringComparison.Ordinal));
        // The answer's sum with 13x13: 7,500 + 80,000 + 20,000 + 40,000 + 10,816 + 500 + 10.
        Assert.Equal(158_826, r.Totals.ActivationElementsPerSample);
    }

    [Fact]
    public void Seed_FrozenLayer_MovesItsParamsToNonTrainable()
    {
        var text = BuiltInText("seed").Replace("fc 500", "fc 500 trainable=false", StringComparison.Ordinal);
        var r = Analyzer.Analyze(SpecParser.Parse(text, "seed.cnn"), new AnalysisOptions { Batch = 64 });
        Assert.Equal(4_632_902, r.Totals.Params);
        Assert.Equal(4_608_500, r.Totals.NonTrainableParams);
        Assert.Equal(0, Row(r, "FC1").TrainableParams);
    }

    private static string BuiltInText(string name)
    {
        Assert.True(BuiltInModels.TryGetText(name, out var text, out _));
        return text;
    }
}
