using CnnMem.Core;
using CnnMem.Graphs;

namespace CnnMem.Zoo;

/// <summary>
/// torchvision's Swin Transformer T/S/B, versions 1 and 2 (torchvision/models/swin_transformer.py): a 4x4 patchify
/// stem with layer norm, stages of blocks with (shifted) window attention as shifted_window_attention computes it (pad,
/// cyclic roll, window partition, packed qkv, relative position bias, the shift mask, softmax, projection, reverse),
/// a GELU MLP, stochastic depth, and patch merging between stages. Version 1: pre-norm blocks, scaled dot products,
/// a learned bias table, 7x7 windows. Version 2: post-norm blocks, cosine attention with a learned logit scale, the
/// bias from a small MLP on log-spaced relative coordinates (<see cref="SwinV2Bias"/>), 8x8 windows, merging then norm.
/// </summary>
internal static class SwinTransformers
{
    private sealed record Config(string Name, int Dim, int[] Depths, int[] Heads, double StochasticDepth, bool V2)
    {
        public int Window => V2 ? 8 : 7;
    }

    private static readonly Config[] Configs =
    [
        new("swin_t", 96, [2, 2, 6, 2], [3, 6, 12, 24], 0.2, false),
        new("swin_s", 96, [2, 2, 18, 2], [3, 6, 12, 24], 0.3, false),
        new("swin_b", 128, [2, 2, 18, 2], [4, 8, 16, 32], 0.5, false),
        new("swin_v2_t", 96, [2, 2, 6, 2], [3, 6, 12, 24], 0.2, true),
        new("swin_v2_s", 96, [2, 2, 18, 2], [3, 6, 12, 24], 0.3, true),
        new("swin_v2_b", 128, [2, 2, 18, 2], [4, 8, 16, 32], 0.5, true),
    ];

    private const double Eps = 1e-5;

    public static IEnumerable<ZooEntry> Entries() =>
        Configs.Select(c => new ZooEntry(c.Name, c.V2 ? "swin_v2" : "swin", 224, (h, w) => Build(c, h, w)));

    private static string Ints(NetBuilder b, params long[] v) => b.Constant(TensorValue.FromInts(DType.Int64, Shape.Of(v.Length), v));

    private static string Slice(NetBuilder b, string x, long axis, long start, long end, long step = 1) =>
        b.Emit("Slice", [x, Ints(b, start), Ints(b, end), Ints(b, axis), Ints(b, step)], Attributes.Empty, b.Features(x));

    private static Graphs.ModelGraph Build(Config cfg, long h, long w)
    {
        var (dim, depths, heads, sdRate) = (cfg.Dim, cfg.Depths, cfg.Heads, cfg.StochasticDepth);
        var b = new NetBuilder(cfg.Name, 3, h, w);
        var (fh, fw) = (h / 4, w / 4);
        var total = depths.Sum();
        var x = b.In("features", () =>
        {
            var y = b.In("0", () => b.LayerNorm("2", b.Transpose(b.Conv("0", b.Input, dim, 4, 4, bias: true), dim, 0, 2, 3, 1), Eps));
            var blockId = 0;
            var index = 1;
            for (var s = 0; s < depths.Length; s++)
            {
                var (input, stage) = (y, s);
                y = b.In(index++, () =>
                {
                    var z = input;
                    for (var i = 0; i < depths[stage]; i++)
                    {
                        var (zi, shift) = (z, i % 2 == 0 ? 0 : cfg.Window / 2);
                        var sd = sdRate * blockId++ / (total - 1.0);
                        z = b.In(i, () => Block(b, cfg, zi, heads[stage], shift, sd, fh, fw));
                    }
                    return z;
                });
                if (s + 1 < depths.Length)
                {
                    var t = y;
                    var (th, tw) = (fh, fw);
                    y = b.In(index++, () => PatchMerging(b, t, th, tw, cfg.V2));
                    (fh, fw) = ((fh + 1) / 2, (fw + 1) / 2);
                }
            }
            return y;
        });
        x = b.LayerNorm("norm", x, Eps);
        x = b.Flatten(b.GlobalAvgPool("avgpool", b.Transpose(x, b.Features(x), 0, 3, 1, 2)));
        return b.Build(b.Linear("head", x, 1000));
    }

    private static string Block(NetBuilder b, Config cfg, string x, int heads, int shift, double sd, long h, long w)
    {
        var c = b.Features(x);
        string Attn(string t) => b.In("attn", () => Attention(b, cfg, t, heads, shift, h, w));
        string Mlp(string t) => b.In("mlp", () => b.Dense("3", b.Gelu("1", b.Dense("0", t, 4 * c)), c));
        var y = cfg.V2 ? b.LayerNorm("norm1", Attn(x), Eps) : Attn(b.LayerNorm("norm1", x, Eps));
        x = b.Add(x, b.StochasticDepth("stochastic_depth", y, sd));
        var m = cfg.V2 ? b.LayerNorm("norm2", Mlp(x), Eps) : Mlp(b.LayerNorm("norm2", x, Eps));
        return b.Add(x, b.StochasticDepth("stochastic_depth", m, sd));
    }

    private static string Roll(NetBuilder b, string x, long shiftH, long shiftW, long h, long w)
    {
        // torch.roll by (shiftH, shiftW) on axes 1 and 2, as the exporter writes it: two slices and a concat per axis
        var c = b.Features(x);
        var rows = b.Emit("Concat", [Slice(b, x, 1, (h - shiftH) % h, h), Slice(b, x, 1, 0, (h - shiftH) % h)], Attributes.From(("axis", AttrValue.Of(1L))), c);
        return b.Emit("Concat", [Slice(b, rows, 2, (w - shiftW) % w, w), Slice(b, rows, 2, 0, (w - shiftW) % w)], Attributes.From(("axis", AttrValue.Of(2L))), c);
    }

    private static string Attention(NetBuilder b, Config cfg, string x, int heads, int shift, long h, long w)
    {
        var c = b.Features(x);
        var window = cfg.Window;
        var (ph, pw) = ((h + window - 1) / window * window, (w + window - 1) / window * window);
        var shifted = shift > 0 && window < ph && window < pw;
        var n = window * window;
        var windows = ph / window * (pw / window);
        var y = b.Emit("Pad", [x, Ints(b, 0, 0, 0, 0, 0, ph - h, pw - w, 0)], Attributes.From(("mode", AttrValue.Of("constant"))), c);
        if (shifted)
        {
            y = Roll(b, y, -shift, -shift, ph, pw);
        }
        y = b.Reshape(b.Transpose(b.Reshape(y, c, -1, ph / window, window, pw / window, window, c), c, 0, 1, 3, 2, 4, 5), c, -1, n, c);
        var qkv = b.Reshape(b.Dense("qkv", y, 3 * c), c / heads, -1, n, 3, heads, c / heads);
        qkv = b.Transpose(qkv, c / heads, 2, 0, 3, 1, 4);
        string Part(long i) => b.Emit("Gather", [qkv, b.Constant(TensorValue.FromInts(DType.Int64, Shape.Scalar, [i]))], Attributes.From(("axis", AttrValue.Of(0L))), c / heads);
        var (q, k, v) = (Part(0), Part(1), Part(2));
        string attn;
        if (cfg.V2)
        {
            attn = b.Emit("MatMul", [SwinV2Bias.Normalize(b, q), b.Transpose(SwinV2Bias.Normalize(b, k), c / heads, 0, 1, 3, 2)], Attributes.Empty, n);
            attn = b.Emit("Mul", [attn, SwinV2Bias.LogitScale(b, heads)], Attributes.Empty, n);
            attn = b.Emit("Add", [attn, SwinV2Bias.Bias(b, heads, window)], Attributes.Empty, n);
        }
        else
        {
            q = b.Emit("Mul", [q, b.Constant(TensorValue.FromReals(DType.Float32, Shape.Scalar, [Math.Pow(c / heads, -0.5)]))], Attributes.Empty, c / heads);
            attn = b.Emit("MatMul", [q, b.Transpose(k, c / heads, 0, 1, 3, 2)], Attributes.Empty, n);
            attn = b.Emit("Add", [attn, RelativePositionBias(b, heads, window)], Attributes.Empty, n);
        }
        if (shifted)
        {
            var mask = b.Emit("Constant", [], Attributes.From(("value", AttrValue.Of(new TensorInfo("", DType.Float32, Shape.Of(1, windows, 1, n, n))))), n);
            attn = b.Reshape(b.Emit("Add", [b.Reshape(attn, n, -1, windows, heads, n, n), mask], Attributes.Empty, n), n, -1, heads, n, n);
        }
        attn = b.Emit("Softmax", [attn], Attributes.From(("axis", AttrValue.Of(-1L))), n);
        var o = b.Transpose(b.Emit("MatMul", [attn, v], Attributes.Empty, c / heads), c / heads, 0, 2, 1, 3);
        o = b.Dense("proj", b.Reshape(o, c, -1, n, c), c);
        o = b.Reshape(b.Transpose(b.Reshape(o, c, -1, ph / window, pw / window, window, window, c), c, 0, 1, 3, 2, 4, 5), c, -1, ph, pw, c);
        if (shifted)
        {
            o = Roll(b, o, shift, shift, ph, pw);
        }
        return ph == h && pw == w ? o : Slice(b, Slice(b, o, 1, 0, h), 2, 0, w);
    }

    /// <summary>relative_position_bias_table[relative_position_index] viewed as (1, heads, N, N).</summary>
    private static string RelativePositionBias(NetBuilder b, int heads, int window)
    {
        var table = b.Param("relative_position_bias_table", (2 * window - 1) * (2 * window - 1), heads);
        return GatherBias(b, table, heads, window);
    }

    /// <summary>_get_relative_position_bias: rows of a ((2w-1)^2, heads) table picked by relative_position_index, as (1, heads, N, N).</summary>
    internal static string GatherBias(NetBuilder b, string table, int heads, int window)
    {
        var n = window * window;
        var index = new long[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                index[i * n + j] = (i / window - j / window + window - 1) * (2 * window - 1) + (i % window - j % window + window - 1);
            }
        }
        var gathered = b.Emit("Gather", [table, b.Constant(TensorValue.FromInts(DType.Int64, Shape.Of(n * n), index))], Attributes.From(("axis", AttrValue.Of(0L))), heads);
        var bias = b.Transpose(b.Reshape(gathered, heads, n, n, heads), n, 2, 0, 1);
        return b.Reshape(bias, n, 1, heads, n, n);
    }

    private static string PatchMerging(NetBuilder b, string x, long h, long w, bool v2)
    {
        var c = b.Features(x);
        var y = b.Emit("Pad", [x, Ints(b, 0, 0, 0, 0, 0, h % 2, w % 2, 0)], Attributes.From(("mode", AttrValue.Of("constant"))), c);
        string Part(long r, long col) => Slice(b, Slice(b, y, 1, r, h + h % 2, 2), 2, col, w + w % 2, 2);
        var (x0, x1, x2, x3) = (Part(0, 0), Part(1, 0), Part(0, 1), Part(1, 1));
        y = b.Emit("Concat", [x0, x1, x2, x3], Attributes.From(("axis", AttrValue.Of(-1L))), 4 * c);
        return v2
            ? b.LayerNorm("norm", b.Dense("reduction", y, 2 * c, bias: false), Eps)
            : b.Dense("reduction", b.LayerNorm("norm", y, Eps), 2 * c, bias: false);
    }
}
