namespace CnnMem.Zoo;

/// <summary>
/// torchvision's MNASNet 0.5, 0.75, 1.0 and 1.3 (torchvision/models/mnasnet.py): a depth-scaled stem and six stacks
/// of inverted residuals, a 1x1 convolution to 1280 channels, a spatial mean and a dropout classifier.
/// </summary>
internal static class MnasNets
{
    private static readonly (string Name, double Alpha)[] Configs =
        [("mnasnet0_5", 0.5), ("mnasnet0_75", 0.75), ("mnasnet1_0", 1.0), ("mnasnet1_3", 1.3)];

    // kernel, stride, expansion, repeats of stacks 8-13
    private static readonly (int K, int S, int E, int R)[] Stacks = [(3, 2, 3, 3), (5, 2, 3, 3), (5, 2, 6, 3), (3, 1, 6, 2), (5, 2, 6, 4), (3, 1, 6, 1)];

    public static IEnumerable<ZooEntry> Entries() =>
        Configs.Select(c => new ZooEntry(c.Name, "mnasnet", 224, (h, w) => Build(c.Name, c.Alpha, h, w)));

    /// <summary>_round_to_multiple_of(val, 8, 0.9).</summary>
    private static long Round(double v)
    {
        var n = Math.Max(8, (long)(v + 4) / 8 * 8);
        return n >= 0.9 * v ? n : n + 8;
    }

    private static Graphs.ModelGraph Build(string name, double alpha, long h, long w)
    {
        var depths = new[] { 32, 16, 24, 40, 80, 96, 192, 320 }.Select(d => Round(d * alpha)).ToArray();
        var b = new NetBuilder(name, 3, h, w);
        var x = b.In("layers", () =>
        {
            var y = b.Relu("2", b.BatchNorm("1", b.Conv("0", b.Input, depths[0], 3, 2, 1)));
            y = b.Relu("5", b.BatchNorm("4", b.Conv("3", y, depths[0], 3, 1, 1, (int)depths[0])));
            y = b.BatchNorm("7", b.Conv("6", y, depths[1], 1));
            for (var s = 0; s < Stacks.Length; s++)
            {
                var (k, stride, e, r) = Stacks[s];
                var input = y;
                var output = depths[s + 2];
                y = b.In(8 + s, () =>
                {
                    var z = input;
                    for (var i = 0; i < r; i++)
                    {
                        var zi = z;
                        z = b.In(i, () => InvertedResidual(b, zi, output, k, i == 0 ? stride : 1, e));
                    }
                    return z;
                });
            }
            return b.Relu("16", b.BatchNorm("15", b.Conv("14", y, 1280, 1)));
        });
        x = b.SpatialMean(x);
        x = b.In("classifier", () => b.Linear("1", b.Dropout("0", x, 0.2), 1000));
        return b.Build(x);
    }

    private static string InvertedResidual(NetBuilder b, string x, long output, int k, int stride, int expansion)
    {
        var input = b.Features(x);
        var mid = input * expansion;
        var y = b.In("layers", () =>
        {
            var z = b.Relu("2", b.BatchNorm("1", b.Conv("0", x, mid, 1)));
            z = b.Relu("5", b.BatchNorm("4", b.Conv("3", z, mid, k, stride, k / 2, (int)mid)));
            return b.BatchNorm("7", b.Conv("6", z, output, 1));
        });
        return input == output && stride == 1 ? b.Add(y, x) : y;
    }
}
