namespace CnnMem.Zoo;

/// <summary>
/// torchvision's ConvNeXt tiny, small, base and large (torchvision/models/convnext.py): a 4x4 patchify stem with
/// LayerNorm2d, stages of CNBlocks (7x7 depthwise, channels-last layer norm, 4x MLP with GELU, layer scale, stochastic
/// depth up to the variant's rate), LayerNorm2d + 2x2 convolutions between stages, and a normed linear head.
/// </summary>
internal static class ConvNeXts
{
    private static readonly (string Name, int[] Dims, int[] Depths, double StochasticDepth)[] Configs =
    [
        ("convnext_tiny", [96, 192, 384, 768], [3, 3, 9, 3], 0.1),
        ("convnext_small", [96, 192, 384, 768], [3, 3, 27, 3], 0.4),
        ("convnext_base", [128, 256, 512, 1024], [3, 3, 27, 3], 0.5),
        ("convnext_large", [192, 384, 768, 1536], [3, 3, 27, 3], 0.5),
    ];

    private const double Eps = 1e-6;

    public static IEnumerable<ZooEntry> Entries() =>
        Configs.Select(c => new ZooEntry(c.Name, "convnext", 224, (h, w) => Build(c.Name, c.Dims, c.Depths, c.StochasticDepth, h, w)));

    private static Graphs.ModelGraph Build(string name, int[] dims, int[] depths, double sdRate, long h, long w)
    {
        var b = new NetBuilder(name, 3, h, w);
        var total = depths.Sum();
        var x = b.In("features", () =>
        {
            var y = b.In("0", () => b.LayerNorm2d("1", b.Conv("0", b.Input, dims[0], 4, 4, bias: true), Eps));
            var blockId = 0;
            var index = 1;
            for (var s = 0; s < dims.Length; s++)
            {
                var input = y;
                var depth = depths[s];
                y = b.In(index++, () =>
                {
                    var z = input;
                    for (var i = 0; i < depth; i++)
                    {
                        var zi = z;
                        var sd = sdRate * blockId++ / (total - 1.0);
                        z = b.In(i, () => Block(b, zi, sd));
                    }
                    return z;
                });
                if (s + 1 < dims.Length)
                {
                    var next = dims[s + 1];
                    var t = y;
                    y = b.In(index++, () => b.Conv("1", b.LayerNorm2d("0", t, Eps), next, 2, 2, bias: true));
                }
            }
            return y;
        });
        x = b.GlobalAvgPool("avgpool", x);
        x = b.In("classifier", () => b.Linear("2", b.Flatten(b.LayerNorm2d("0", x, Eps)), 1000));
        return b.Build(x);
    }

    private static string Block(NetBuilder b, string x, double sd)
    {
        var c = b.Features(x);
        var y = b.In("block", () =>
        {
            var z = b.Conv("0", x, c, 7, 1, 3, (int)c, bias: true);
            z = b.Transpose(z, c, 0, 2, 3, 1);
            z = b.LayerNorm("2", z, Eps);
            z = b.Gelu("4", b.Dense("3", z, 4 * c));
            z = b.Dense("5", z, c);
            return b.Transpose(z, c, 0, 3, 1, 2);
        });
        y = b.Mul(b.Param("layer_scale", c, 1, 1), y);
        return b.Add(b.StochasticDepth("stochastic_depth", y, sd), x);
    }
}
