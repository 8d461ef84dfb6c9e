namespace CnnMem.Zoo;

/// <summary>torchvision's AlexNet (torchvision/models/alexnet.py): five convolutions with bias, three max pools, adaptive pooling to 6x6, a dropout classifier.</summary>
internal static class AlexNet
{
    public static IEnumerable<ZooEntry> Entries() => [new ZooEntry("alexnet", "alexnet", 224, Build)];

    private static long Pool(long n) => (n - 3) / 2 + 1;

    private static Graphs.ModelGraph Build(long h, long w)
    {
        var b = new NetBuilder("alexnet", 3, h, w);
        var x = b.In("features", () =>
        {
            var y = b.Relu("1", b.Conv("0", b.Input, 64, 11, 4, 2, bias: true));
            y = b.MaxPool("2", y, 3, 2);
            y = b.Relu("4", b.Conv("3", y, 192, 5, 1, 2, bias: true));
            y = b.MaxPool("5", y, 3, 2);
            y = b.Relu("7", b.Conv("6", y, 384, 3, 1, 1, bias: true));
            y = b.Relu("9", b.Conv("8", y, 256, 3, 1, 1, bias: true));
            y = b.Relu("11", b.Conv("10", y, 256, 3, 1, 1, bias: true));
            return b.MaxPool("12", y, 3, 2);
        });
        var fh = Pool(Pool(Pool((h + 4 - 11) / 4 + 1)));
        var fw = Pool(Pool(Pool((w + 4 - 11) / 4 + 1)));
        x = b.AdaptiveAvgPool("avgpool", x, 6, 6, fh, fw);
        x = b.Flatten(x, 36);
        x = b.In("classifier", () =>
        {
            var y = b.Dropout("0", x, 0.5);
            y = b.Relu("2", b.Linear("1", y, 4096));
            y = b.Dropout("3", y, 0.5);
            y = b.Relu("5", b.Linear("4", y, 4096));
            return b.Linear("6", y, 1000);
        });
        return b.Build(x);
    }
}
