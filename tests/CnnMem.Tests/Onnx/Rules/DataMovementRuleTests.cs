using CnnMem.Graphs;
using CnnMem.Ops.Rules.Onnx;
using static CnnMem.Tests.Onnx.Rules.RuleKit;

namespace CnnMem.Tests.Onnx.Rules;

/// <summary>Gather, Split, Pad, Transpose, Expand, Tile, DepthToSpace, GatherND, TopK, OneHot.</summary>
public class DataMovementRuleTests
{
    [Theory]
    [InlineData("5x6x7", "2", 0L, "2x6x7")]
    [InlineData("5x6x7", "2x3", 1L, "5x2x3x7")]
    [InlineData("5x6x7", "scalar", -1L, "5x6")]
    public void Gather_Axis_InsertsIndicesShape(string data, string indices, long axis, string expected)
    {
        var r = Run(new GatherRule(), "Gather", A(("axis", AttrValue.Of(axis))), 13, T("d", data), T("i", indices, DType.Int64));
        Assert.Equal(expected, r.Outputs[0].Shape.ToString());
        Assert.Contains(r.Saved, s => s.Source == CnnMem.Ops.SavedSource.Input && s.Index == 1);
    }

    [Fact]
    public void Gather_KnownShapeValue_PicksDim()
    {
        var r = Run(new GatherRule(), "Gather", Attributes.Empty, 13, Ints("shape", 8, 3, 224, 224), Scalar("i", -2));
        Assert.Equal(Shape.Scalar, r.Outputs[0].Shape);
        Assert.Equal(new[] { 224L }, r.Outputs[0].Value!.AsLongs());
    }

    [Theory]
    [InlineData(null, 3, "2,2,2")]
    [InlineData("1,5", 2, "1,5")]
    public void Split_SizesOrEqualParts_InferShapes(string? split, int outputs, string expected)
    {
        var attrs = split is null ? A(("axis", AttrValue.Of(1L))) : A(("axis", AttrValue.Of(1L)), ("split", L(split.Split(',').Select(long.Parse).ToArray())));
        var r = Run(new SplitRule(), "Split", attrs, 11, outputs, T("x", "4x6"));
        Assert.Equal(expected, string.Join(",", r.Outputs.Select(o => o.Shape[1].Value)));
        Assert.All(r.Outputs, o => Assert.Equal(4, o.Shape[0].Value));
    }

    [Fact]
    public void Split_NumOutputsUneven_LastIsSmaller()
    {
        var r = Run(new SplitRule(), "Split", A(("num_outputs", AttrValue.Of(3L))), 18, 3, T("x", "7"));
        Assert.Equal(new long?[] { 3, 3, 1 }, r.Outputs.Select(o => o.Shape[0].Value));
    }

    [Fact]
    public void Pad_InputPadsWithAxes_GrowsThoseAxes()
    {
        var r = Run(new PadRule(), "Pad", Attributes.Empty, 18, T("x", "1x3x4x5"), Ints("p", 1, 2, 3, -1), null, Ints("axes", 2, -1));
        Assert.Equal(Shape.Of(1, 3, 8, 6), r.Outputs[0].Shape);
    }

    [Fact]
    public void Pad_OpsetTwoAttribute_GrowsAllAxes()
    {
        var r = Run(new PadRule(), "Pad", A(("pads", L(0, 0, 1, 1, 0, 0, 1, 1))), 2, T("x", "1x3x4x5"));
        Assert.Equal(Shape.Of(1, 3, 6, 7), r.Outputs[0].Shape);
    }

    [Fact]
    public void Pad_RuntimePads_GivesUnknownDims()
    {
        var r = Run(new PadRule(), "Pad", Attributes.Empty, 13, T("x", "2x3"), RuntimeInts("p", 4));
        Assert.All(r.Outputs[0].Shape, d => Assert.True(d.IsUnknown));
    }

    [Fact]
    public void Transpose_DefaultAndPerm_PermuteDims()
    {
        Assert.Equal(Shape.Of(4, 3, 2), Run(new TransposeRule(), "Transpose", Attributes.Empty, 13, T("x", "2x3x4")).Outputs[0].Shape);
        Assert.Equal(Shape.Of(2, 4, 3), Run(new TransposeRule(), "Transpose", A(("perm", L(0, 2, 1))), 13, T("x", "2x3x4")).Outputs[0].Shape);
    }

    [Theory]
    [InlineData("3x1", "2,1,6", "2x3x6")]
    [InlineData("3x4", "4", "3x4")]
    [InlineData("1", "2,2", "2x2")]
    public void Expand_Target_Broadcasts(string input, string target, string expected)
    {
        var r = Run(new ExpandRule(), "Expand", Attributes.Empty, 13, T("x", input), Ints("s", target.Split(',').Select(long.Parse).ToArray()));
        Assert.Equal(expected, r.Outputs[0].Shape.ToString());
    }

    [Fact]
    public void Tile_Repeats_MultipliesDims()
    {
        var r = Run(new TileRule(), "Tile", Attributes.Empty, 13, T("x", "2x3"), Ints("r", 3, 2));
        Assert.Equal(Shape.Of(6, 6), r.Outputs[0].Shape);
    }

    [Theory]
    [InlineData("DepthToSpace", "1x8x2x3", "1x2x4x6")]
    [InlineData("SpaceToDepth", "1x2x4x6", "1x8x2x3")]
    public void DepthToSpace_Blocksize2_MovesBlocks(string op, string input, string expected)
    {
        var r = Run(new DepthToSpaceRule(), op, A(("blocksize", AttrValue.Of(2L))), 13, T("x", input));
        Assert.Equal(expected, r.Outputs[0].Shape.ToString());
    }

    [Theory]
    [InlineData("2x3x4", "5x2", 0L, "5x4")]
    [InlineData("2x3x4", "5x3", 0L, "5")]
    [InlineData("2x3x4", "2x1", 1L, "2x4")]
    public void GatherND_IndexTuples_InferShape(string data, string indices, long batchDims, string expected)
    {
        var r = Run(new GatherElementsRule(), "GatherND", A(("batch_dims", AttrValue.Of(batchDims))), 13, T("d", data), T("i", indices, DType.Int64));
        Assert.Equal(expected, r.Outputs[0].Shape.ToString());
    }

    [Fact]
    public void TopK_InputK_SetsAxisDimOnBothOutputs()
    {
        var r = Run(new TopKRule(), "TopK", Attributes.Empty, 11, 2, T("x", "3x10"), Ints("k", 4));
        Assert.Equal(Shape.Of(3, 4), r.Outputs[0].Shape);
        Assert.Equal(DType.Int64, r.Outputs[1].DType);
        Assert.Equal(Shape.Of(3, 4), r.Outputs[1].Shape);
    }

    [Fact]
    public void OneHot_DefaultAxis_AppendsDepth()
    {
        var r = Run(new OneHotRule(), "OneHot", Attributes.Empty, 11, T("i", "2x3", DType.Int64), Ints("depth", 10), Floats("v", 0, 1));
        Assert.Equal(Shape.Of(2, 3, 10), r.Outputs[0].Shape);
    }

    [Fact]
    public void NonZero_RuntimeData_HasUnknownCount()
    {
        var r = Run(new NonZeroRule(), "NonZero", Attributes.Empty, 13, T("x", "2x3"));
        Assert.Equal(2, r.Outputs[0].Shape[0].Value);
        Assert.True(r.Outputs[0].Shape[1].IsUnknown);
    }

    [Fact]
    public void NonZero_KnownValue_CountsNonZeros()
    {
        var r = Run(new NonZeroRule(), "NonZero", Attributes.Empty, 13, Ints("x", 0, 3, 0, 5));
        Assert.Equal(Shape.Of(1, 2), r.Outputs[0].Shape);
        Assert.Equal(new long[] { 1, 3 }, r.Outputs[0].Value!.AsLongs());
    }
}
