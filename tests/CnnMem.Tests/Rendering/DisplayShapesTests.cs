using CnnMem.Graphs;
using CnnMem.Rendering;

namespace CnnMem.Tests.Rendering;

public class DisplayShapesTests
{
    [Theory]
    [InlineData("64x32x50x50", DisplayLayout.ChannelsLast, "64x50x50x32")]
    [InlineData("64x32x50x50", DisplayLayout.ChannelsFirst, "64x32x50x50")]
    [InlineData("2x8x5", DisplayLayout.ChannelsLast, "2x5x8")]
    [InlineData("64x500", DisplayLayout.ChannelsLast, "64x500")]
    [InlineData("7", DisplayLayout.ChannelsLast, "7")]
    public void Text_Theory(string stored, DisplayLayout layout, string expected) =>
        Assert.Equal(expected, DisplayShapes.Text(Shape.Of(stored.Split('x').Select(long.Parse).ToArray()), layout));

    [Fact]
    public void Sizes_UnknownDim_IsNull() =>
        Assert.Equal(new long?[] { 1, null, 4 }, DisplayShapes.Sizes(Shape.Of(Dim.Of(1), Dim.Of(4), Dim.Unknown), DisplayLayout.ChannelsLast));

    [Fact]
    public void Sizes_Unranked_IsNull() => Assert.Null(DisplayShapes.Sizes(Shape.Unranked, DisplayLayout.ChannelsFirst));

    [Theory]
    [InlineData(DisplayLayout.ChannelsFirst, "nchw")]
    [InlineData(DisplayLayout.ChannelsLast, "nhwc")]
    public void LayoutName_Theory(DisplayLayout layout, string expected) => Assert.Equal(expected, DisplayShapes.LayoutName(layout));
}
