using CnnMem.Ops;
using CnnMem.Ops.Rules;
using static CnnMem.Tests.Ops.LayerRuleHarness;

namespace CnnMem.Tests.Ops;

public class AdaptiveAvgPoolRuleTests
{
    private static readonly AdaptiveAvgPoolRule Rule = new();

    // input, output_size -> output shape, elements read (N*C*prod of summed bin lengths, counted by hand)
    [Theory]
    [InlineData("1x256x6x6", "6,6", "1x256x6x6", 9216L)] // AlexNet: already 6x6, bins of 1
    [InlineData("1x512x7x7", "1,1", "1x512x1x1", 25088L)] // global
    [InlineData("1x512x14x14", "7,7", "1x512x7x7", 100352L)] // bins of 2, no overlap
    [InlineData("1x1x5x5", "3,3", "1x1x3x3", 49L)] // bins [0,2) [1,4) [3,5): 2+3+2 = 7 per axis
    [InlineData("1x1x2x2", "3,3", "1x1x3x3", 16L)] // larger than input: bins [0,1) [0,2) [1,2): 4 per axis
    [InlineData("2x3x10x10", "1", "2x3x1x1", 600L)] // one size for all axes
    public void AdaptiveAvgPool_InfersPyTorchBins(string input, string size, string expected, long reads)
    {
        var r = Run(Rule, "AdaptiveAvgPool", A(("output_size", Longs(size))), T("x", input));
        Assert.Equal(expected, r.Outputs[0].Shape.ToString());
        Assert.Equal(0, r.Macs);
        Assert.Equal(reads, r.OtherFlops);
        Assert.Equal(new[] { SavedTensor.In(0, "input") }, r.Saved);
    }

    [Theory]
    [InlineData("1x1x5x5", "0,3", "at least 1")]
    [InlineData("1x1x5x5", "2,2,2", "3 values")]
    [InlineData("1x5", "2", "spatial dimension")]
    public void AdaptiveAvgPool_BadSize_Fails(string input, string size, string expected) =>
        Assert.Contains(expected, Fails(Rule, "AdaptiveAvgPool", A(("output_size", Longs(size))), T("x", input)));

    [Fact]
    public void AdaptiveAvgPool_MissingSize_Fails() =>
        Assert.Contains("output_size", Fails(Rule, "AdaptiveAvgPool", A(), T("x", "1x1x4x4")));
}
