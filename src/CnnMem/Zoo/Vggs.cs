namespace CnnMem.Zoo;

/// <summary>
/// torchvision's VGG (torchvision/models/vgg.py): 3x3 convolutions with bias (and batch norm in the _bn
/// variants) between 2x2 max pools, adaptive average pooling to 7x7 and a three-layer classifier with dropout.
/// </summary>
internal static class Vggs
{
    private const int M = 0;

    private static readonly (string Name, int[] Layers)[] Configs =
    [
        ("vgg11", [64, M, 128, M, 256, 256, M, 512, 512, M, 512, 512, M]),
        ("vgg13", [64, 64, M, 128, 128, M, 256, 256, M, 512, 512, M, 512, 512, M]),
        ("vgg16", [64, 64, M, 128, 128, M, 256, 256, 256, M, 512, 512, 512, M, 512, 512, 512, M]),
        ("vgg19", [64, 64, M, 128, 128, M, 256, 256, 256, 256, M, 512, 512, 512, 512, M, 512, 512, 512, 512, M]),
    ];

    public static IEnumerable<ZooEntry> Entries() =>
        Configs.SelectMany(c => new[] { false, true }.Select(bn =>
            new ZooEntry(bn ? c.Name + "_bn" : c.Name, "vgg", 224, (h, w) => Build(bn ? c.Name + "_bn" : c.Name, c.Layers, bn, h, w))));

    private static Graphs.ModelGraph Build(string name, int[] layers, bool batchNorm, long h, long w)
    {
        var b = new NetBuilder(name, 3, h, w);
        var x = b.In("features", () =>
        {
            var y = b.Input;
            var index = 0;
            foreach (var v in layers)
            {
                if (v == M)
                {
                    y = b.MaxPool($"{index++}", y, 2, 2);
                    h /= 2;
                    w /= 2;
                    continue;
                }
                y = b.Conv($"{index++}", y, v, 3, 1, 1, bias: true);
                if (batchNorm)
                {
                    y = b.BatchNorm($"{index++}", y);
                }
                y = b.Relu($"{index++}", y);
            }
            return y;
        });
        x = b.AdaptiveAvgPool("avgpool", x, 7, 7, h, w);
        x = b.Flatten(x, 49);
        x = b.In("classifier", () =>
        {
            var y = b.Relu("1", b.Linear("0", x, 4096));
            y = b.Dropout("2", y, 0.5);
            y = b.Relu("4", b.Linear("3", y, 4096));
            y = b.Dropout("5", y, 0.5);
            return b.Linear("6", y, 1000);
        });
        return b.Build(x);
    }
}
