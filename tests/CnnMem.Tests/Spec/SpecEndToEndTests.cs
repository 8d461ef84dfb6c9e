using CnnMem.Graphs;
using CnnMem.Import.Spec;
using CnnMem.Pipeline;

namespace CnnMem.Tests.Spec;

/// <summary>Specs written with the real op rules, from text to report: branches, merges, layouts.</summary>
public class SpecEndToEndTests
{
    private static Reports.AnalysisReport Analyze(string text, long batch = 1) =>
        Analyzer.Analyze(SpecParser.Parse(text, "e2e.cnn"), new AnalysisOptions { Batch = batch });

    [Fact]
    public void InceptionBlock_ConcatOfBranches_SumsChannels()
    {
        var r = Analyze("""
            x: input 28x28x192
            b1: conv 64 1x1
            conv 96 1x1 from=x
            b2: conv 128 3x3 pad=same
            conv 16 1x1 from=x
            b3: conv 32 5x5 pad=same
            maxpool 3x3 stride=1 pad=1 from=x
            b4: conv 32 1x1
            concat b1 b2 b3 b4
            """);
        Assert.Equal(Shape.Of(1, 64 + 128 + 32 + 32, 28, 28), r.Outputs.Single().Shape);
        // GoogLeNet's inception (3a): 1x1 64, 1x1 96 -> 3x3 128, 1x1 16 -> 5x5 32, pool -> 1x1 32 (weights + biases).
        long expected = (192 * 64 + 64) + (192 * 96 + 96) + (96 * 9 * 128 + 128) + (192 * 16 + 16) + (16 * 25 * 32 + 32) + (192 * 32 + 32);
        Assert.Equal(expected, r.Totals.Params);
    }

    [Fact]
    public void ChwLayout_GivesSameNumbersAsHwc()
    {
        Assert.True(BuiltInModels.TryGetText("seed", out var seed, out _));
        var hwc = Analyze(seed, 64);
        var chw = Analyze(seed.Replace("input 50x50x3", "input 3x50x50 layout=chw", StringComparison.Ordinal), 64);
        Assert.Equal(DisplayLayout.ChannelsFirst, chw.Layout);
        Assert.Equal(hwc.Totals, chw.Totals);
        Assert.Equal(hwc.Layers.Select(l => l.OutputShape), chw.Layers.Select(l => l.OutputShape));
    }

    [Fact]
    public void FlatInput_FeedsFullyConnectedLayers()
    {
        var r = Analyze("input 784\nfc 256\nrelu inplace=true\nfc 10", 32);
        Assert.Equal(Shape.Of(32, 784), r.Inputs.Single().Shape);
        Assert.Equal((784 * 256) + 256 + (256 * 10) + 10, r.Totals.Params);
        // Textbook per sample: input 784 + fc 256 + fc 10 (the activation is not counted).
        Assert.Equal(784 + 256 + 10, r.Totals.ActivationElementsPerSample);
    }

    [Fact]
    public void TwoInputs_EachReadByTheLayerAfterIt()
    {
        var r = Analyze("left: input 8x8x3\nconv 4 3x3 pad=same\nright: input 8x8x1\nconv 4 3x3 pad=same\nadd C1 C2", 5);
        Assert.Equal(new[] { "left", "right" }, r.Inputs.Select(i => i.Name));
        Assert.Equal(Shape.Of(5, 4, 8, 8), r.Outputs.Single().Shape);
        // C1 sees 3 channels, C2 one: 4 x (3 x 9 + 1) + 4 x (1 x 9 + 1).
        Assert.Equal((4 * 28) + (4 * 10), r.Totals.Params);
    }
}
