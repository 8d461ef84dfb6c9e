namespace CnnMem.Zoo;

/// <summary>
/// torchvision's ShuffleNetV2 x0.5 to x2.0 (torchvision/models/shufflenetv2.py): units that split the channels
/// (or, when striding, feed both branches), convolve one branch (1x1, 3x3 depthwise, 1x1), concatenate and shuffle.
/// </summary>
internal static class ShuffleNets
{
    private static readonly (string Name, int[] Channels)[] Configs =
    [
        ("shufflenet_v2_x0_5", [24, 48, 96, 192, 1024]),
        ("shufflenet_v2_x1_0", [24, 116, 232, 464, 1024]),
        ("shufflenet_v2_x1_5", [24, 176, 352, 704, 1024]),
        ("shufflenet_v2_x2_0", [24, 244, 488, 976, 2048]),
    ];

    private static readonly int[] Repeats = [4, 8, 4];

    public static IEnumerable<ZooEntry> Entries() =>
        Configs.Select(c => new ZooEntry(c.Name, "shufflenet_v2", 224, (h, w) => Build(c.Name, c.Channels, h, w)));

    private static Graphs.ModelGraph Build(string name, int[] channels, long h, long w)
    {
        var b = new NetBuilder(name, 3, h, w);
        var x = b.In("conv1", () => b.Relu("2", b.BatchNorm("1", b.Conv("0", b.Input, channels[0], 3, 2, 1))));
        x = b.MaxPool("maxpool", x, 3, 2, 1);
        for (var s = 0; s < 3; s++)
        {
            var input = x;
            var output = channels[s + 1];
            var repeats = Repeats[s];
            x = b.In($"stage{s + 2}", () =>
            {
                var y = input;
                for (var i = 0; i < repeats; i++)
                {
                    var yi = y;
                    y = b.In(i, () => Unit(b, yi, output, i == 0 ? 2 : 1));
                }
                return y;
            });
        }
        x = b.In("conv5", () => b.Relu("2", b.BatchNorm("1", b.Conv("0", x, channels[4], 1))));
        x = b.Linear("fc", b.SpatialMean(x), 1000);
        return b.Build(x);
    }

    private static string Unit(NetBuilder b, string x, long output, int stride)
    {
        var half = output / 2;
        string left, right;
        if (stride == 1)
        {
            (left, right) = b.ChunkChannels(x);
        }
        else
        {
            left = b.In("branch1", () =>
            {
                var c = b.Features(x);
                var y = b.BatchNorm("1", b.Conv("0", x, c, 3, stride, 1, (int)c));
                return b.Relu("4", b.BatchNorm("3", b.Conv("2", y, half, 1)));
            });
            right = x;
        }
        var branch = b.In("branch2", () =>
        {
            var y = b.Relu("2", b.BatchNorm("1", b.Conv("0", right, half, 1)));
            y = b.BatchNorm("4", b.Conv("3", y, half, 3, stride, 1, (int)half));
            return b.Relu("7", b.BatchNorm("6", b.Conv("5", y, half, 1)));
        });
        return b.ChannelShuffle(b.Concat([left, branch]));
    }
}
