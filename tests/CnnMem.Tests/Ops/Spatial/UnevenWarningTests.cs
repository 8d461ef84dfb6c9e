using CnnMem.Ops.Spatial;
using CnnMem.Zoo;
using CnnMem.Pipeline;

namespace CnnMem.Tests.Ops.Spatial;

/// <summary>
/// Floor mode warns only when input is left unread (<see cref="SpatialAxis.DropsInput"/>): a standard ResNet's strided
/// convolutions and max pool leave only padding, or a gap no wider than every stride leaves, unread; a pool that drops
/// the last row of its input still warns.
/// </summary>
public class UnevenWarningTests
{
    [Theory]
    // input, kernel, stride, pad begin, pad end, warns: the unread trailing rows less the end padding, against the stride's gap
    [InlineData(224, 7, 2, 3, 3, false)] // resnet conv1: the unread row is padding
    [InlineData(56, 3, 2, 1, 1, false)]  // layerN.0.conv2: padding
    [InlineData(56, 1, 2, 0, 0, false)]  // layerN.0.downsample.0: every odd row is skipped anyway
    [InlineData(112, 3, 2, 1, 1, false)] // resnet maxpool: padding
    [InlineData(8, 1, 3, 0, 0, false)]   // one row unread, inside a 2-row stride gap
    [InlineData(25, 2, 2, 0, 0, true)]   // the seed's P2: the last row of 25 is never read
    [InlineData(56, 3, 2, 0, 0, true)]   // no padding: the last input row is lost
    [InlineData(57, 3, 2, 1, 0, true)]   // padding only at the start: the last input row is lost
    [InlineData(10, 2, 4, 0, 0, false)]  // travel 8: even
    [InlineData(11, 2, 4, 0, 0, false)]  // travel 9: 1 row unread, no wider than the 2-row gaps
    [InlineData(13, 2, 4, 0, 0, true)]   // travel 11: 3 rows unread, wider than the 2-row gaps
    public void FloorMode_WarnsOnlyWhenInputIsUnread(long input, long kernel, long stride, long begin, long end, bool warns)
    {
        var axis = new SpatialAxis(input, kernel, stride, 1, begin, end, 0);
        var window = new AxisWindow(input, kernel, stride, 1, begin, end, 0);
        Assert.Equal(warns, axis.DropsInput && axis.IsUneven);
        Assert.Equal(axis.DropsInput, window.DropsInput);
        Assert.Equal(warns, !SpatialArithmetic.UnevenWarnings("strided convolution", [axis, axis], ceilMode: false, stridedOnly: true).IsEmpty);
    }

    [Theory]
    [InlineData("resnet18")]
    [InlineData("resnet50")]
    [InlineData("resnext50_32x4d")]
    public void StandardResNets_HaveNoUnevenWindowWarnings(string name)
    {
        Assert.True(ZooModels.TryBuild(name, null, null, out var graph));
        var report = Analyzer.Analyze(graph!, new AnalysisOptions { Batch = 1 });
        Assert.DoesNotContain(report.Warnings, w => w.Contains("does not divide its input evenly", StringComparison.Ordinal));
    }

    [Fact]
    public void Seed_StillWarnsThatP2DropsARow()
    {
        var report = Model.BuiltIn("seed").Analyze(new AnalysisOptions { Batch = 1 });
        Assert.Contains(report.Warnings, w => w.StartsWith("P2: max pooling does not divide its input evenly", StringComparison.Ordinal));
    }
}
