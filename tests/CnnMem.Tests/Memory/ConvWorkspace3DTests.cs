using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Graphs;
using CnnMem.Inference;
using CnnMem.Memory.Models;

namespace CnnMem.Tests.Memory;

/// <summary>
/// PyTorch 1.13's CPU backend choice and oneDNN buffers for 3D (video) convolutions, as measured on r3d_18, mc3_18 and
/// r2plus1d_18 (TestData/measured): <c>use_mkldnn</c> reads the kernel's last two sizes and the input's first four.
/// </summary>
public class ConvWorkspace3DTests
{
    [Theory]
    // a 3x3x3 kernel on one small clip: N*C*T*H = 1*64*8*28 = 14,336 <= 20,480, so slow_conv3d (the width is not counted)
    [InlineData(1, 64, 8, 28, 28, new long[] { 3, 3, 3 }, 1, false)]
    // r2plus1d's temporal (3,1,1) kernel, stride 1, batch 8 < 16: "1x1" for PyTorch, so slow_conv3d even at batch 8
    [InlineData(8, 144, 8, 28, 28, new long[] { 3, 1, 1 }, 1, false)]
    // strided temporal kernel: oneDNN
    [InlineData(8, 144, 8, 28, 28, new long[] { 3, 1, 1 }, 2, true)]
    // batch 8 with a 3x3x3 kernel: oneDNN
    [InlineData(8, 64, 8, 28, 28, new long[] { 3, 3, 3 }, 1, true)]
    // 2D, unchanged: 1*64*56*56 = 200,704 > 20,480
    [InlineData(1, 64, 0, 56, 56, new long[] { 3, 3 }, 1, true)]
    public void UsesOneDnn_FollowsPyTorchsDims(long n, long c, long t, long h, long w, long[] kernel, long stride, bool oneDnn)
    {
        var node = Conv(n, c, t, h, w, kernel, stride, 64);
        Assert.Equal(oneDnn, Workspaces.UsesOneDnn(node, new MemoryOptions { Framework = Framework.PyTorch113, Backend = Backend.Cpu }));
    }

    [Fact]
    public void OneDnn3D_ReordersInputAndWeight_BeforeThePlainOutput()
    {
        // 64 -> 64 channels, 3x3x3, batch 8 (r3d_18's layer1): blocked input copy + weight copy + blocked output, freed
        // before the plain output: workspace beside input and output = max(in + w + out_blk - out, out_blk)
        var node = Conv(8, 64, 8, 28, 28, new long[] { 3, 3, 3 }, 1, 64);
        var act = 8L * 64 * 8 * 28 * 28 * 4;
        var weight = 64L * 64 * 27 * 4;
        Assert.Equal(act + weight, Workspaces.Forward(node, new MemoryOptions { Framework = Framework.PyTorch113, Backend = Backend.Cpu }, training: false));
    }

    [Fact]
    public void OneDnn3D_ReadsAFewChannelsInPlace()
    {
        // the RGB clip of the stem: no input copy; weight + blocked output (64 channels), then the plain output
        var node = Conv(8, 3, 8, 56, 56, new long[] { 3, 7, 7 }, 2, 64);
        var outBlocked = 8L * 64 * 4 * 28 * 28 * 4; // stride 2 in every dim: 4x28x28
        Assert.Equal(outBlocked, Workspaces.Forward(node, new MemoryOptions { Framework = Framework.PyTorch113, Backend = Backend.Cpu }, training: false));
    }

    private static NodeInference Conv(long n, long c, long t, long h, long w, long[] kernel, long stride, long filters)
    {
        var dims = t > 0 ? new[] { Dim.Of(n), Dim.Of(c), Dim.Of(t), Dim.Of(h), Dim.Of(w) } : new[] { Dim.Of(n), Dim.Of(c), Dim.Of(h), Dim.Of(w) };
        var x = new TensorInfo("x", DType.Float32, Shape.Of(dims));
        var pads = kernel.Select(k => k / 2).ToArray();
        var node = new Node("c", "Conv", ImmutableArray.Create("x"), ImmutableArray.Create("y"), Attributes.From(
            ("filters", AttrValue.Of(filters)),
            ("kernel_shape", AttrValue.Of(kernel)),
            ("strides", AttrValue.Of(kernel.Select(k => k == 1 && t > 0 ? 1L : stride).ToArray())),
            ("pads", AttrValue.Of(pads.Concat(pads).ToArray()))));
        var graph = GraphValidator.Validate(new ModelGraph("t", ImmutableArray.Create(x), ImmutableDictionary<string, Initializer>.Empty, ImmutableArray.Create(node), ImmutableArray.Create("y")));
        return ShapeInference.Run(graph, new InferenceOptions { Registry = TestGraphs.Registry }).Nodes[0];
    }
}
