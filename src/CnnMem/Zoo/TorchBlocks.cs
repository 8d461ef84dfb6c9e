using CnnMem.Core;
using CnnMem.Graphs;

namespace CnnMem.Zoo;

/// <summary>
/// Blocks torchvision's families share (torchvision/ops/misc.py and the models' helpers): Conv2dNormActivation,
/// SqueezeExcitation, channel shuffle, mean over the spatial axes, and the channel rounding rule.
/// </summary>
internal static class TorchBlocks
{
    /// <summary>torchvision's _make_divisible: round to a multiple of <paramref name="divisor"/>, never more than 10% down.</summary>
    public static long MakeDivisible(double v, long divisor = 8)
    {
        var rounded = Math.Max(divisor, (long)(v + divisor / 2.0) / divisor * divisor);
        return rounded < 0.9 * v ? rounded + divisor : rounded;
    }

    /// <summary>
    /// Conv2dNormActivation: conv (no bias, padding (k-1)/2*dilation), batch norm, and an activation op (null: none)
    /// as submodules 0, 1, 2; <paramref name="act"/> <c>Relu6</c> exports the activation as Clip.
    /// </summary>
    public static string ConvNormAct(this NetBuilder b, string module, string x, long cout, int k, int stride = 1, long groups = 1,
        string? act = "Relu", double eps = 1e-5, int dilation = 1) => b.In(module, () =>
    {
        var y = b.BatchNorm("1", b.Conv("0", x, cout, k, stride, (k - 1) / 2 * dilation, (int)groups, dilation: dilation), eps);
        return act switch
        {
            null => y,
            "Relu6" => b.Relu6("2", y),
            "HardSigmoid" => b.In("2", () => b.Unary(act, y, PyTorchHardSigmoid)),
            _ => b.Act("2", act, y),
        };
    });

    /// <summary>PyTorch's Hardsigmoid is relu6(x + 3) / 6: ONNX HardSigmoid with alpha 1/6, beta 0.5.</summary>
    public static Attributes PyTorchHardSigmoid { get; } = Attributes.From(("alpha", AttrValue.Of((double)(float)(1.0 / 6))), ("beta", AttrValue.Of(0.5)));

    /// <summary>
    /// torchvision.ops.SqueezeExcitation: global average pool, fc1 (1x1 conv with bias), activation, fc2, scale
    /// activation, then the input times the scale.
    /// </summary>
    public static string SqueezeExcitation(this NetBuilder b, string module, string x, long squeeze, string act, string scaleAct) =>
        b.In(module, () =>
        {
            var c = b.Features(x);
            var s = b.GlobalAvgPool("avgpool", x);
            s = b.Act("activation", act, b.Conv("fc1", s, squeeze, 1, bias: true));
            s = b.Conv("fc2", s, c, 1, bias: true);
            s = scaleAct == "HardSigmoid" ? b.In("scale_activation", () => b.Unary(scaleAct, s, PyTorchHardSigmoid)) : b.Act("scale_activation", scaleAct, s);
            return b.Mul(s, x);
        });

    /// <summary>x.mean([2, 3]): ReduceMean over the spatial axes without keeping them.</summary>
    public static string SpatialMean(this NetBuilder b, string x) =>
        b.Emit("ReduceMean", [x], Attributes.From(("axes", AttrValue.Of(new long[] { 2, 3 })), ("keepdims", AttrValue.Of(0L))), b.Features(x));

    /// <summary>ShuffleNet's channel_shuffle with 2 groups: view as (N, 2, C/2, H, W), swap the group axes, view back to x's shape.</summary>
    public static string ChannelShuffle(this NetBuilder b, string x)
    {
        var c = b.Features(x);
        string Ints(params long[] v) => b.Constant(TensorValue.FromInts(DType.Int64, Shape.Of(v.Length), v));
        string Slice(string t, long start, long end) => b.Emit("Slice", [t, Ints(start), Ints(end), Ints(0)], Attributes.Empty, end - start);
        var shape = b.Emit("Shape", [x], Attributes.Empty, 4);
        var grouped = b.Emit("Concat", [Slice(shape, 0, 1), Ints(2, c / 2), Slice(shape, 2, 4)], Attributes.From(("axis", AttrValue.Of(0L))), 5);
        var y = b.Emit("Reshape", [x, grouped], Attributes.Empty, c);
        y = b.Emit("Transpose", [y], Attributes.From(("perm", AttrValue.Of(new long[] { 0, 2, 1, 3, 4 }))), c);
        return b.Emit("Reshape", [y, shape], Attributes.Empty, c);
    }

    /// <summary>x.chunk(2, dim=1) as the exporter writes it: two slices of the channels; returns both halves.</summary>
    public static (string A, string B) ChunkChannels(this NetBuilder b, string x)
    {
        var c = b.Features(x);
        string Ints(long v) => b.Constant(TensorValue.FromInts(DType.Int64, Shape.Of(1), [v]));
        string Half(long start, long end) => b.Emit("Slice", [x, Ints(start), Ints(end), Ints(1)], Attributes.Empty, end - start);
        return (Half(0, c / 2), Half(c / 2, c));
    }
}
