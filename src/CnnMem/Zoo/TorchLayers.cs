using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Graphs;

namespace CnnMem.Zoo;

/// <summary>
/// PyTorch layers as <c>torch.onnx.export</c> (opset 14, training mode) writes them, so a zoo network's analysis
/// equals that of its export: Conv and Gemm with initializer weights, BatchNormalization with <c>training_mode</c>
/// and its running-statistics outputs, ReLU6 as Clip with constant bounds, Dropout with ratio and training-mode
/// constants and a mask output. Layers that own weights take their module name; functional ops (add, concat,
/// flatten) live in the caller's module.
/// </summary>
internal static class TorchLayers
{
    /// <summary>Runs <paramref name="body"/> in submodule <paramref name="module"/>, or in the caller's module when it is null (a functional call).</summary>
    public static T InOrHere<T>(this NetBuilder b, string? module, Func<T> body) => module is null ? body() : b.In(module, body);

    /// <summary>The exporter writes attributes as float32, so epsilon 1e-5 reads back as 9.999999747378752e-06.</summary>
    private static double F32(double v) => (float)v;

    public static string Conv(this NetBuilder b, string module, string x, long cout, int k, int stride = 1, int pad = 0,
        int groups = 1, bool bias = false, int dilation = 1) =>
        b.Conv(module, x, cout, (k, k), (stride, stride), (pad, pad), groups, bias, dilation);

    public static string Conv(this NetBuilder b, string module, string x, long cout, (int H, int W) k, (int H, int W) stride,
        (int H, int W) pad, int groups = 1, bool bias = false, int dilation = 1) => b.In(module, () =>
    {
        var cin = b.Features(x);
        var inputs = ImmutableArray.CreateBuilder<string>();
        inputs.Add(x);
        inputs.Add(b.Param("weight", cout, cin / groups, k.H, k.W));
        if (bias)
        {
            inputs.Add(b.Param("bias", cout));
        }
        return b.Emit("Conv", inputs.ToImmutable(), Attributes.From(
            ("dilations", AttrValue.Of(new long[] { dilation, dilation })),
            ("group", AttrValue.Of(groups)),
            ("kernel_shape", AttrValue.Of(new long[] { k.H, k.W })),
            ("pads", AttrValue.Of(new long[] { pad.H, pad.W, pad.H, pad.W })),
            ("strides", AttrValue.Of(new long[] { stride.H, stride.W }))), cout);
    });

    /// <summary>BatchNorm2d in training mode: weight, bias, running mean and variance; outputs y and the updated statistics.</summary>
    public static string BatchNorm(this NetBuilder b, string module, string x, double eps = 1e-5, double momentum = 0.1) => b.In(module, () =>
    {
        var c = b.Features(x);
        return b.Emit("BatchNormalization",
            [x, b.Param("weight", c), b.Param("bias", c), b.Param("running_mean", c), b.Param("running_var", c)],
            Attributes.From(("epsilon", AttrValue.Of(F32(eps))), ("momentum", AttrValue.Of(F32(1 - momentum))), ("training_mode", AttrValue.Of(1L))),
            c, outputs: 3);
    });

    /// <summary>An element-wise activation module (Relu, Sigmoid, HardSwish, HardSigmoid, Tanh) or, with cnnmem's domain, SiLU and Gelu.</summary>
    public static string Act(this NetBuilder b, string module, string op, string x) => b.In(module, () => b.Unary(op, x));

    /// <summary>An activation with no module of its own (F.relu in forward).</summary>
    public static string Unary(this NetBuilder b, string op, string x, Attributes? attributes = null) =>
        b.Emit(op, [x], attributes ?? Attributes.Empty, b.Features(x), domain: op is "SiLU" or "Relu6" ? "cnnmem" : "");

    public static string Relu(this NetBuilder b, string module, string x) => b.Act(module, "Relu", x);

    /// <summary>ReLU6 as exported: Clip with constant min 0 and max 6.</summary>
    public static string Relu6(this NetBuilder b, string module, string x) => b.In(module, () =>
    {
        var lo = b.Constant(TensorValue.FromReals(DType.Float32, Shape.Scalar, [0.0]));
        var hi = b.Constant(TensorValue.FromReals(DType.Float32, Shape.Scalar, [6.0]));
        return b.Emit("Clip", [x, lo, hi], Attributes.Empty, b.Features(x));
    });

    /// <summary>MaxPool2d; a null <paramref name="module"/> is F.max_pool2d in the caller's module.</summary>
    public static string MaxPool(this NetBuilder b, string? module, string x, int k, int stride, int pad = 0, bool ceil = false) =>
        b.InOrHere(module, () => b.Emit("MaxPool", [x], Attributes.From(
            ("ceil_mode", AttrValue.Of(ceil ? 1L : 0L)),
            ("kernel_shape", AttrValue.Of(new long[] { k, k })),
            ("pads", AttrValue.Of(new long[] { pad, pad, pad, pad })),
            ("strides", AttrValue.Of(new long[] { stride, stride }))), b.Features(x)));

    /// <summary>AvgPool2d (count_include_pad); with <paramref name="padNode"/> the zero Pad the exporter puts before it.</summary>
    public static string AvgPool(this NetBuilder b, string? module, string x, int k, int stride, int pad = 0, bool ceil = false, bool padNode = false) =>
        b.InOrHere(module, () =>
        {
            var src = x;
            if (padNode)
            {
                var pads = b.Constant(TensorValue.FromInts(DType.Int64, Shape.Of(8), new long[8]));
                src = b.Emit("Pad", [x, pads], Attributes.From(("mode", AttrValue.Of("constant"))), b.Features(x));
            }
            return b.Emit("AveragePool", [src], Attributes.From(
                ("ceil_mode", AttrValue.Of(ceil ? 1L : 0L)),
                ("kernel_shape", AttrValue.Of(new long[] { k, k })),
                ("pads", AttrValue.Of(new long[] { pad, pad, pad, pad })),
                ("strides", AttrValue.Of(new long[] { stride, stride }))), b.Features(x));
        });

    /// <summary>
    /// AdaptiveAvgPool2d to <paramref name="outH"/> x <paramref name="outW"/> from an <paramref name="inH"/> x <paramref name="inW"/>
    /// map: GlobalAveragePool for 1x1, an AveragePool with kernel = stride = in/out when the sizes divide (as the exporter
    /// writes it), else cnnmem's AdaptiveAvgPool.
    /// </summary>
    public static string AdaptiveAvgPool(this NetBuilder b, string? module, string x, long outH, long outW, long inH, long inW) =>
        b.InOrHere(module, () =>
        {
            if (outH == 1 && outW == 1)
            {
                return b.Emit("GlobalAveragePool", [x], Attributes.Empty, b.Features(x));
            }
            if (inH % outH == 0 && inW % outW == 0)
            {
                return b.Emit("AveragePool", [x], Attributes.From(
                    ("kernel_shape", AttrValue.Of(new[] { inH / outH, inW / outW })),
                    ("strides", AttrValue.Of(new[] { inH / outH, inW / outW }))), b.Features(x));
            }
            return b.Emit("AdaptiveAvgPool", [x], Attributes.From(("output_size", AttrValue.Of(new[] { outH, outW }))), b.Features(x), domain: "cnnmem");
        });

    /// <summary>AdaptiveAvgPool2d(1) as a module, exported as GlobalAveragePool.</summary>
    public static string GlobalAvgPool(this NetBuilder b, string module, string x) =>
        b.In(module, () => b.Emit("GlobalAveragePool", [x], Attributes.Empty, b.Features(x)));

    /// <summary>F.adaptive_avg_pool2d(x, 1) or x.mean((2, 3), keepdim) with no module.</summary>
    public static string GlobalAvgPool(this NetBuilder b, string x) => b.Emit("GlobalAveragePool", [x], Attributes.Empty, b.Features(x));

    /// <summary>torch.flatten(x, 1) of an N x C x 1 x 1 (or N x C x H x W) map: the feature count becomes C*H*W (<paramref name="spatial"/>).</summary>
    public static string Flatten(this NetBuilder b, string x, long spatial = 1) =>
        b.Emit("Flatten", [x], Attributes.From(("axis", AttrValue.Of(1L))), checked(b.Features(x) * spatial));

    /// <summary>nn.Linear on a 2-D input: Gemm with transB.</summary>
    public static string Linear(this NetBuilder b, string module, string x, long outFeatures, bool bias = true) => b.In(module, () =>
    {
        var inputs = bias
            ? ImmutableArray.Create(x, b.Param("weight", outFeatures, b.Features(x)), b.Param("bias", outFeatures))
            : ImmutableArray.Create(x, b.Param("weight", outFeatures, b.Features(x)));
        return b.Emit("Gemm", inputs, Attributes.From(("alpha", AttrValue.Of(1.0)), ("beta", AttrValue.Of(1.0)), ("transB", AttrValue.Of(1L))), outFeatures);
    });

    /// <summary>nn.Dropout in training mode: ratio and training constants, output and mask.</summary>
    public static string Dropout(this NetBuilder b, string module, string x, double p) => b.In(module, () =>
    {
        var ratio = b.Constant(TensorValue.FromReals(DType.Float32, Shape.Scalar, [F32(p)]));
        var training = b.Constant(TensorValue.FromInts(DType.Bool, Shape.Scalar, [1L]));
        return b.Emit("Dropout", [x, ratio, training], Attributes.Empty, b.Features(x), outputs: 2);
    });

    /// <summary>torchvision.ops.StochasticDepth (row mode) in training; with p = 0 torchvision returns the input and so does this.</summary>
    public static string StochasticDepth(this NetBuilder b, string module, string x, double p) => p == 0 ? x : b.In(module, () =>
        b.Emit("StochasticDepth", [x], Attributes.From(("p", AttrValue.Of(p)), ("mode", AttrValue.Of("row"))), b.Features(x), domain: "cnnmem"));

    public static string Add(this NetBuilder b, string x, string y) => b.Emit("Add", [x, y], Attributes.Empty, b.Features(x));

    public static string Mul(this NetBuilder b, string x, string y) => b.Emit("Mul", [x, y], Attributes.Empty, Math.Max(b.Features(x), b.Features(y)));

    /// <summary>torch.cat along channels.</summary>
    public static string Concat(this NetBuilder b, IReadOnlyList<string> xs) =>
        b.Emit("Concat", xs.ToImmutableArray(), Attributes.From(("axis", AttrValue.Of(1L))), xs.Aggregate(0L, (s, x) => checked(s + b.Features(x))));
}
