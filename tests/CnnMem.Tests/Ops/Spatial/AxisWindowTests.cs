using System.Collections.Immutable;
using CnnMem.Graphs;
using CnnMem.Ops.Spatial;
using CsCheck;

namespace CnnMem.Tests.Ops.Spatial;

/// <summary>
/// Convolutions and pools compute their windows on the stack (<see cref="AxisWindow"/>) and make <see cref="SpatialAxis"/>
/// records only for a warning: both paths must give the same sizes and the same warnings.
/// </summary>
public class AxisWindowTests
{
    // spatial sizes, kernel, stride, dilation, pads (begin and end) on 1 to 3 axes; auto_pad; ceil mode
    private static readonly Gen<(long[] Input, long[] Kernel, long[] Stride, long[] Dilation, long[] Pads, string AutoPad, bool Ceil)> Cases =
        Gen.Int[1, 3].SelectMany(rank => Gen.Select(
            Gen.Long[1, 40].Array[rank],
            Gen.Long[1, 5].Array[rank],
            Gen.Long[1, 4].Array[rank],
            Gen.Long[1, 3].Array[rank],
            Gen.Long[0, 3].Array[2 * rank],
            Gen.OneOf("NOTSET", "SAME_UPPER", "SAME_LOWER", "VALID"),
            Gen.Bool));

    [Fact]
    public void StackWindows_AgreeWithTheRecords() =>
        Cases.Sample(c =>
        {
            var attrs = Attributes.From(
                ("kernel_shape", AttrValue.Of(c.Kernel)),
                ("strides", AttrValue.Of(c.Stride)),
                ("dilations", AttrValue.Of(c.Dilation)),
                ("pads", AttrValue.Of(c.Pads)),
                ("auto_pad", AttrValue.Of(c.AutoPad)));
            ImmutableArray<SpatialAxis> records;
            try
            {
                records = SpatialArithmetic.Compute(attrs, c.Input, null, c.Ceil);
            }
            catch (OpException e)
            {
                var again = Assert.Throws<OpException>(() => SpatialArithmetic.Compute(attrs, c.Input, default, kernelGiven: false, c.Ceil, new AxisWindow[c.Input.Length]));
                Assert.Equal(e.Message, again.Message);
                return;
            }
            var windows = new AxisWindow[c.Input.Length];
            SpatialArithmetic.Compute(attrs, c.Input, default, kernelGiven: false, c.Ceil, windows);
            for (var i = 0; i < windows.Length; i++)
            {
                Assert.Equal(records[i], windows[i].ToAxis());
                Assert.Equal(records[i].IsUneven, windows[i].IsUneven);
                Assert.Equal(records[i].DilatedKernel, windows[i].DilatedKernel);
            }
            foreach (var strided in new[] { false, true })
            {
                Assert.Equal(
                    string.Join("\n", SpatialArithmetic.UnevenWarnings("pooling", records, c.Ceil, strided)),
                    string.Join("\n", SpatialArithmetic.UnevenWarnings("pooling", (ReadOnlySpan<AxisWindow>)windows, c.Ceil, strided)));
            }
        });

    [Fact]
    public void KernelFromWeight_IsTheWeightsSpatialSizes()
    {
        var attrs = Attributes.From(("pads", AttrValue.Of(new[] { 1L, 1L, 1L, 1L })));
        var windows = new AxisWindow[2];
        SpatialArithmetic.Compute(attrs, [16, 16], [3, 3], kernelGiven: true, ceilMode: false, windows);
        Assert.Equal(SpatialArithmetic.Compute(attrs, [16, 16], [3, 3], ceilMode: false), windows.Select(w => w.ToAxis()));
        Assert.All(windows, w => Assert.Equal(16, w.Output));
    }

    [Fact]
    public void MissingKernel_IsNamed()
    {
        var e = Assert.Throws<OpException>(() => SpatialArithmetic.Compute(Attributes.Empty, [8, 8], default, kernelGiven: false, ceilMode: false, new AxisWindow[2]));
        Assert.Equal("needs attribute 'kernel_shape'", e.Message);
    }
}
