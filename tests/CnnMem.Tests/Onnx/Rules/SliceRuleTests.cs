using CnnMem.Graphs;
using CnnMem.Ops.Rules.Onnx;
using static CnnMem.Tests.Onnx.Rules.RuleKit;

namespace CnnMem.Tests.Onnx.Rules;

public class SliceRuleTests
{
    // Expected counts are Python's len(range(10)[start:end:step]).
    [Theory]
    [InlineData(0L, 3L, 1L, 3L)]
    [InlineData(-3L, long.MaxValue, 1L, 3L)]
    [InlineData(2L, -2L, 2L, 3L)]
    [InlineData(-1L, long.MinValue, -1L, 10L)]
    [InlineData(8L, 2L, -2L, 3L)]
    [InlineData(20L, 30L, 1L, 0L)]
    [InlineData(-100L, 100L, 3L, 4L)]
    [InlineData(5L, 5L, 1L, 0L)]
    public void Slice_OneAxis_CountsLikePython(long start, long end, long step, long expected)
    {
        var r = Run(new SliceRule(), "Slice", Attributes.Empty, 13,
            T("x", "10x4"), Ints("s", start), Ints("e", end), Ints("a", 0), Ints("st", step));
        Assert.Equal(Shape.Of(expected, 4), r.Outputs[0].Shape);
    }

    [Fact]
    public void Slice_OpsetOneAttributes_InfersShape()
    {
        var attrs = A(("starts", L(1, 0)), ("ends", L(3, -1)), ("axes", L(0, 2)));
        var r = Run(new SliceRule(), "Slice", attrs, 1, T("x", "5x6x7"));
        Assert.Equal(Shape.Of(2, 6, 6), r.Outputs[0].Shape);
    }

    [Fact]
    public void Slice_RuntimeStarts_GivesUnknownOnSlicedAxesOnly()
    {
        var r = Run(new SliceRule(), "Slice", Attributes.Empty, 13,
            T("x", "5x6x7"), RuntimeInts("s", 1), Ints("e", 3), Ints("a", 1));
        Assert.Equal(5, r.Outputs[0].Shape[0].Value);
        Assert.True(r.Outputs[0].Shape[1].IsUnknown);
        Assert.Equal(7, r.Outputs[0].Shape[2].Value);
    }

    [Fact]
    public void Slice_KnownValue_PicksElementsBackwards()
    {
        var r = Run(new SliceRule(), "Slice", Attributes.Empty, 13,
            Ints("x", 10, 20, 30, 40, 50), Ints("s", -1), Ints("e", 0), Ints("a", 0), Ints("st", -2));
        Assert.Equal(new long[] { 50, 30 }, r.Outputs[0].Value!.AsLongs());
    }
}
