using System.Collections.Immutable;
using CnnMem.Graphs;

namespace CnnMem.Import.Keras;

/// <summary>Convolutions, pooling, padding, cropping and upsampling: Keras arguments as ONNX-style attributes.</summary>
internal static class KerasSpatialLayers
{
    /// <summary>Spatial dims from a class name ending in 1D, 2D or 3D.</summary>
    public static int SpatialRank(string cls) =>
        cls.Contains("1D", StringComparison.Ordinal) ? 1 : cls.Contains("3D", StringComparison.Ordinal) ? 3 : 2;

    /// <summary>Conv1D/2D/3D (and <c>depthwise</c>: DepthwiseConv1D/2D, the first half of SeparableConv).</summary>
    public static KerasOp Conv(JsonAt c, int spatial, bool depthwise, bool bias, string part)
    {
        var kernel = c.Require("kernel_size").Ints(spatial);
        var dilations = c.Get("dilation_rate")?.Ints(spatial) ?? Ones(spatial);
        var attrs = new List<(string, AttrValue)>
        {
            ("kernel_shape", AttrValue.Of(kernel)),
            ("strides", AttrValue.Of(c.Get("strides")?.Ints(spatial) ?? Ones(spatial))),
            ("dilations", AttrValue.Of(dilations)),
            ("bias", AttrValue.Of(bias ? 1L : 0L)),
        };
        attrs.Add(Padding(c, kernel, dilations));
        if (depthwise)
        {
            attrs.Add(("depth_multiplier", AttrValue.Of(c.Int("depth_multiplier", 1))));
        }
        else
        {
            attrs.Add(("filters", AttrValue.Of(c.Require("filters").Int())));
            attrs.Add(("group", AttrValue.Of(c.Int("groups", 1))));
        }
        return new KerasOp("Conv", Attributes.From([.. attrs]), part);
    }

    /// <summary>The pointwise (1x1) half of a SeparableConv.</summary>
    public static KerasOp Pointwise(JsonAt c, int spatial, string part) => new("Conv", Attributes.From(
        ("filters", AttrValue.Of(c.Require("filters").Int())),
        ("kernel_shape", AttrValue.Of(Ones(spatial))),
        ("bias", AttrValue.Of(c.Bool("use_bias", true) ? 1L : 0L))), part);

    /// <summary>Conv1D/2D/3DTranspose: Keras's 'valid' output is in x stride + max(kernel - stride, 0), i.e. ONNX's plus output padding.</summary>
    public static KerasOp ConvTranspose(JsonAt c, int spatial, string part)
    {
        var kernel = c.Require("kernel_size").Ints(spatial);
        var strides = c.Get("strides")?.Ints(spatial) ?? Ones(spatial);
        var dilations = c.Get("dilation_rate")?.Ints(spatial) ?? Ones(spatial);
        var same = PaddingName(c) == "same";
        var outputPadding = c.Get("output_padding")?.Ints(spatial)
            ?? (same ? Ones(spatial).Select(_ => 0L).ToArray() : kernel.Zip(strides, (k, s) => Math.Max(s - k, 0)).ToArray());
        return new KerasOp("ConvTranspose", Attributes.From(
            ("filters", AttrValue.Of(c.Require("filters").Int())),
            ("kernel_shape", AttrValue.Of(kernel)),
            ("strides", AttrValue.Of(strides)),
            ("dilations", AttrValue.Of(dilations)),
            ("output_padding", AttrValue.Of(outputPadding)),
            ("auto_pad", AttrValue.Of(same ? "SAME_UPPER" : "VALID")),
            ("bias", AttrValue.Of(c.Bool("use_bias", true) ? 1L : 0L))), part);
    }

    /// <summary>MaxPooling/AveragePooling 1D/2D/3D: strides default to the pool size.</summary>
    public static KerasOp Pool(JsonAt c, string op, int spatial)
    {
        var size = (c.Get("pool_size") ?? c.Get("pool_length")) is { } p ? p.Ints(spatial) : Enumerable.Repeat(2L, spatial).ToArray();
        var strides = (c.Get("strides") ?? c.Get("stride"))?.Ints(spatial) ?? size;
        var padding = PaddingName(c);
        var attrs = new List<(string, AttrValue)> { ("kernel_shape", AttrValue.Of(size)), ("strides", AttrValue.Of(strides)) };
        attrs.Add(("auto_pad", AttrValue.Of(padding == "same" ? "SAME_UPPER" : "VALID")));
        return new KerasOp(op, Attributes.From([.. attrs]), "");
    }

    /// <summary>ZeroPadding1D/2D/3D: <c>p</c>, <c>[p_h, p_w]</c> or <c>[[top, bottom], [left, right]]</c>.</summary>
    public static KerasOp ZeroPadding(JsonAt c, int spatial)
    {
        var (begin, end) = Pairs(c.Require("padding"), spatial);
        long[] pads = [0, 0, .. begin, 0, 0, .. end];
        return new KerasOp("Pad", Attributes.From(("pads", AttrValue.Of(pads)), ("mode", AttrValue.Of("constant"))), "");
    }

    /// <summary>Cropping1D/2D/3D as a slice of the spatial axes (same forms as ZeroPadding).</summary>
    public static KerasOp Cropping(JsonAt c, int spatial)
    {
        var (begin, end) = Pairs(c.Require("cropping"), spatial);
        return new KerasOp("Slice", Attributes.From(
            ("starts", AttrValue.Of(begin)),
            ("ends", AttrValue.Of(end.Select(e => e == 0 ? long.MaxValue : -e))),
            ("axes", AttrValue.Of(Enumerable.Range(2, spatial).Select(a => (long)a)))), "");
    }

    /// <summary>UpSampling1D/2D/3D: nearest-neighbour resize by integer factors.</summary>
    public static KerasOp UpSampling(JsonAt c, int spatial)
    {
        var size = (c.Get("size") ?? c.Get("length"))?.Ints(spatial) ?? Enumerable.Repeat(2L, spatial).ToArray();
        double[] scales = [1, 1, .. size.Select(s => (double)s)];
        return new KerasOp("Resize", Attributes.From(("scales", AttrValue.Of(scales)), ("mode", AttrValue.Of("nearest"))), "");
    }

    private static (string, AttrValue) Padding(JsonAt c, long[] kernel, long[] dilations) => PaddingName(c) switch
    {
        "same" => ("auto_pad", AttrValue.Of("SAME_UPPER")),
        "valid" => ("auto_pad", AttrValue.Of("VALID")),
        // causal (Conv1D): all the padding on the left
        "causal" => ("pads", AttrValue.Of(kernel.Zip(dilations, (k, d) => (k - 1) * d).Concat(kernel.Select(_ => 0L)))),
        var p => throw new OpException($"padding must be 'same', 'valid' or 'causal', found '{p}'"),
    };

    private static string PaddingName(JsonAt c) => c.Text("padding", "valid").ToLowerInvariant();

    private static long[] Ones(int n) => Enumerable.Repeat(1L, n).ToArray();

    private static (long[] Begin, long[] End) Pairs(JsonAt value, int spatial)
    {
        if (value.Kind == System.Text.Json.JsonValueKind.Number)
        {
            var p = value.Ints(spatial);
            return (p, p);
        }
        var items = value.Items().ToImmutableArray();
        if (items.Length == 2 && spatial == 1)
        {
            return ([items[0].Int()], [items[1].Int()]);
        }
        if (items.Length != spatial)
        {
            throw value.Error($"an integer, a list of {spatial} integers or a list of {spatial} [begin, end] pairs");
        }
        var pairs = items.Select(i => i.Kind == System.Text.Json.JsonValueKind.Number ? [i.Int(), i.Int()] : i.Ints(2)).ToArray();
        return (pairs.Select(p => p[0]).ToArray(), pairs.Select(p => p[1]).ToArray());
    }
}
