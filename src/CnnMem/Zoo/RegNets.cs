namespace CnnMem.Zoo;

/// <summary>
/// torchvision's RegNet X and Y (torchvision/models/regnet.py): a 3x3 stem, four stages of residual bottleneck blocks
/// (1x1, grouped 3x3, squeeze-excitation in Y, 1x1) whose widths come from the quantized linear rule
/// w_j = w_0 * w_m^round(log(w_0 + j*w_a / w_0) / log w_m), rounded to multiples of 8 and made divisible by the group width.
/// </summary>
internal static class RegNets
{
    private sealed record Config(string Name, int Depth, float W0, float WA, float WM, int GroupWidth, bool Se);

    private static readonly Config[] Configs =
    [
        new("regnet_x_400mf", 22, 24, 24.48f, 2.54f, 16, false),
        new("regnet_x_800mf", 16, 56, 35.73f, 2.28f, 16, false),
        new("regnet_x_1_6gf", 18, 80, 34.01f, 2.25f, 24, false),
        new("regnet_x_3_2gf", 25, 88, 26.31f, 2.25f, 48, false),
        new("regnet_x_8gf", 23, 80, 49.56f, 2.88f, 120, false),
        new("regnet_x_16gf", 22, 216, 55.59f, 2.1f, 128, false),
        new("regnet_x_32gf", 23, 320, 69.86f, 2.0f, 168, false),
        new("regnet_y_400mf", 16, 48, 27.89f, 2.09f, 8, true),
        new("regnet_y_800mf", 14, 56, 38.84f, 2.4f, 16, true),
        new("regnet_y_1_6gf", 27, 48, 20.71f, 2.65f, 24, true),
        new("regnet_y_3_2gf", 21, 80, 42.63f, 2.66f, 24, true),
        new("regnet_y_8gf", 17, 192, 76.82f, 2.19f, 56, true),
        new("regnet_y_16gf", 18, 200, 106.23f, 2.48f, 112, true),
        new("regnet_y_32gf", 20, 232, 115.89f, 2.53f, 232, true),
        new("regnet_y_128gf", 27, 456, 160.83f, 2.52f, 264, true),
    ];

    public static IEnumerable<ZooEntry> Entries() =>
        Configs.Select(c => new ZooEntry(c.Name, c.Name[..8], 224, (h, w) => Build(c, h, w)));

    /// <summary>BlockParams.from_init_params in float32 as torch computes it: per stage (width, depth, group width).</summary>
    private static List<(long Width, int Depth, long Groups)> Stages(Config c)
    {
        var widths = Enumerable.Range(0, c.Depth).Select(j =>
        {
            var cont = j * c.WA + c.W0;
            var capacity = MathF.Round(MathF.Log(cont / c.W0) / (float)Math.Log(c.WM), MidpointRounding.ToEven);
            return (long)(MathF.Round(c.W0 * MathF.Pow(c.WM, capacity) / 8, MidpointRounding.ToEven) * 8);
        }).ToList();
        var stages = new List<(long Width, int Depth, long Groups)>();
        foreach (var w in widths)
        {
            if (stages.Count > 0 && stages[^1].Width == w)
            {
                stages[^1] = (w, stages[^1].Depth + 1, 0);
            }
            else
            {
                stages.Add((w, 1, 0));
            }
        }
        // _adjust_widths_groups_compatibilty with bottleneck multiplier 1
        return stages.Select(s =>
        {
            var g = Math.Min(c.GroupWidth, s.Width);
            return (TorchBlocks.MakeDivisible(s.Width, g), s.Depth, g);
        }).ToList();
    }

    private static Graphs.ModelGraph Build(Config c, long h, long w)
    {
        var b = new NetBuilder(c.Name, 3, h, w);
        var x = b.ConvNormAct("stem", b.Input, 32, 3, 2);
        var stages = Stages(c);
        x = b.In("trunk_output", () =>
        {
            var y = x;
            for (var s = 0; s < stages.Count; s++)
            {
                var (width, depth, groupWidth) = stages[s];
                var stage = s + 1;
                var input = y;
                y = b.In($"block{stage}", () =>
                {
                    var z = input;
                    for (var i = 0; i < depth; i++)
                    {
                        var zi = z;
                        z = b.In($"block{stage}-{i}", () => Block(b, zi, width, i == 0 ? 2 : 1, groupWidth, c.Se));
                    }
                    return z;
                });
            }
            return y;
        });
        x = b.Flatten(b.GlobalAvgPool("avgpool", x));
        return b.Build(b.Linear("fc", x, 1000));
    }

    private static string Block(NetBuilder b, string x, long width, int stride, long groupWidth, bool se)
    {
        var widthIn = b.Features(x);
        var shortcut = widthIn != width || stride != 1 ? b.ConvNormAct("proj", x, width, 1, stride, act: null) : x;
        var f = b.In("f", () =>
        {
            var y = b.ConvNormAct("a", x, width, 1);
            y = b.ConvNormAct("b", y, width, 3, stride, width / groupWidth);
            if (se)
            {
                y = b.SqueezeExcitation("se", y, (long)Math.Round(0.25 * widthIn, MidpointRounding.ToEven), "Relu", "Sigmoid");
            }
            return b.ConvNormAct("c", y, width, 1, act: null);
        });
        return b.Relu("activation", b.Add(shortcut, f));
    }
}
