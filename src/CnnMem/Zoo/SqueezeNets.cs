namespace CnnMem.Zoo;

/// <summary>
/// torchvision's SqueezeNet 1.0 and 1.1 (torchvision/models/squeezenet.py): Fire modules (1x1 squeeze, parallel
/// 1x1 and 3x3 expands concatenated) between ceil-mode max pools; a 1x1 convolution classifier.
/// </summary>
internal static class SqueezeNets
{
    private const int Pool = 0;

    // Stem (channels, kernel) and the features after it: Pool, or a Fire's (squeeze, expand) channels.
    private static readonly (string Name, int Stem, int Kernel, (int S, int E)[] Layers)[] Configs =
    [
        ("squeezenet1_0", 96, 7, [(Pool, 0), (16, 64), (16, 64), (32, 128), (Pool, 0), (32, 128), (48, 192), (48, 192), (64, 256), (Pool, 0), (64, 256)]),
        ("squeezenet1_1", 64, 3, [(Pool, 0), (16, 64), (16, 64), (Pool, 0), (32, 128), (32, 128), (Pool, 0), (48, 192), (48, 192), (64, 256), (64, 256)]),
    ];

    public static IEnumerable<ZooEntry> Entries() =>
        Configs.Select(c => new ZooEntry(c.Name, "squeezenet", 224, (h, w) => Build(c.Name, c.Stem, c.Kernel, c.Layers, h, w)));

    private static Graphs.ModelGraph Build(string name, int stem, int kernel, (int S, int E)[] layers, long h, long w)
    {
        var b = new NetBuilder(name, 3, h, w);
        var x = b.In("features", () =>
        {
            var y = b.Relu("1", b.Conv("0", b.Input, stem, kernel, 2, bias: true));
            var index = 2;
            foreach (var (s, e) in layers)
            {
                var input = y;
                y = s == Pool
                    ? b.MaxPool($"{index}", y, 3, 2, ceil: true)
                    : b.In(index, () => Fire(b, input, s, e));
                index++;
            }
            return y;
        });
        x = b.In("classifier", () =>
        {
            var y = b.Dropout("0", x, 0.5);
            y = b.Relu("2", b.Conv("1", y, 1000, 1, bias: true));
            return b.GlobalAvgPool("3", y);
        });
        return b.Build(b.Flatten(x));
    }

    private static string Fire(NetBuilder b, string x, int squeeze, int expand)
    {
        var s = b.Relu("squeeze_activation", b.Conv("squeeze", x, squeeze, 1, bias: true));
        var e1 = b.Relu("expand1x1_activation", b.Conv("expand1x1", s, expand, 1, bias: true));
        var e3 = b.Relu("expand3x3_activation", b.Conv("expand3x3", s, expand, 3, 1, 1, bias: true));
        return b.Concat([e1, e3]);
    }
}
