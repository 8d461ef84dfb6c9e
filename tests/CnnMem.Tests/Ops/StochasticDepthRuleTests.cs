using CnnMem.Ops;
using CnnMem.Ops.Rules;
using static CnnMem.Tests.Ops.LayerRuleHarness;

namespace CnnMem.Tests.Ops;

public class StochasticDepthRuleTests
{
    private static readonly StochasticDepthRule Rule = new();

    [Theory]
    [InlineData("8x40x28x28", 0.1, "row", "8x1x1x1")]
    [InlineData("2x197x768", 0.2, "row", "2x1x1")]
    [InlineData("8x40x28x28", 0.5, "batch", "1x1x1x1")]
    public void StochasticDepth_Training_NewTensorKeepsNoise(string input, double p, string mode, string noise)
    {
        var r = Run(Rule, "StochasticDepth", A(("p", p), ("mode", mode)), T("x", input));
        Assert.Equal(input, r.Outputs[0].Shape.ToString());
        Assert.Null(r.ViewOfInput);
        Assert.True(r.IdentityInInference);
        Assert.False(r.CountsInTextbookSum);
        var kept = Assert.Single(r.Saved);
        Assert.Equal(noise, kept.Shape!.ToString());
        Assert.Equal(r.Outputs[0].Elements, r.OtherFlops);
    }

    [Fact]
    public void StochasticDepth_ZeroProbability_IsAViewAndKeepsNothing()
    {
        var r = Run(Rule, "StochasticDepth", A(("p", 0.0)), T("x", "4x16x8x8"));
        Assert.Equal(0, r.ViewOfInput);
        Assert.Empty(r.Saved);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    public void StochasticDepth_ProbabilityOutOfRange_Fails(double p) =>
        Assert.Contains("must be in [0, 1]", Fails(Rule, "StochasticDepth", A(("p", p)), T("x", "1x10")));

    [Fact]
    public void StochasticDepth_Spec_KeywordSetsP()
    {
        var graph = CnnMem.Import.Spec.SpecParser.Parse("input 8x8x4\nconv 4 3x3 pad=1\nstochastic_depth 0.2\n", "sd.cnn");
        var node = graph.Nodes.Single(n => n.Op == "StochasticDepth");
        Assert.Equal(0.2, node.Attributes.Float("p", 0));
        var report = CnnMem.Pipeline.Analyzer.Analyze(graph, new CnnMem.AnalysisOptions { Batch = 2 });
        Assert.Equal("2x4x8x8", report.Layers.Single(l => l.Op == "StochasticDepth").OutputShape.ToString());
    }

    [Fact]
    public void StochasticDepth_UnknownMode_Fails() =>
        Assert.Contains("mode must be 'row' or 'batch'", Fails(Rule, "StochasticDepth", A(("p", 0.1), ("mode", "col")), T("x", "1x10")));
}
