namespace CnnMem.Zoo;

/// <summary>
/// torchvision's ResNet, ResNeXt and Wide ResNet (torchvision/models/resnet.py): a 7x7 stem, four stages of
/// basic or bottleneck blocks (width = planes * base_width / 64 * groups), global pooling and a linear layer.
/// </summary>
internal static class ResNets
{
    private sealed record Config(string Name, bool Bottleneck, int[] Blocks, int Groups = 1, int BaseWidth = 64);

    private static readonly Config[] Configs =
    [
        new("resnet18", false, [2, 2, 2, 2]),
        new("resnet34", false, [3, 4, 6, 3]),
        new("resnet50", true, [3, 4, 6, 3]),
        new("resnet101", true, [3, 4, 23, 3]),
        new("resnet152", true, [3, 8, 36, 3]),
        new("resnext50_32x4d", true, [3, 4, 6, 3], 32, 4),
        new("resnext101_32x8d", true, [3, 4, 23, 3], 32, 8),
        new("resnext101_64x4d", true, [3, 4, 23, 3], 64, 4),
        new("wide_resnet50_2", true, [3, 4, 6, 3], 1, 128),
        new("wide_resnet101_2", true, [3, 4, 23, 3], 1, 128),
    ];

    public static IEnumerable<ZooEntry> Entries() =>
        Configs.Select(c => new ZooEntry(c.Name, Family(c.Name), 224, (h, w) => Build(c, h, w)));

    private static string Family(string name) => name.StartsWith("resnext", StringComparison.Ordinal) ? "resnext"
        : name.StartsWith("wide", StringComparison.Ordinal) ? "wide_resnet" : "resnet";

    private static Graphs.ModelGraph Build(Config c, long h, long w)
    {
        var b = new NetBuilder(c.Name, 3, h, w);
        var x = b.Conv("conv1", b.Input, 64, 7, 2, 3);
        x = b.BatchNorm("bn1", x);
        x = b.Relu("relu", x);
        x = b.MaxPool("maxpool", x, 3, 2, 1);
        var expansion = c.Bottleneck ? 4 : 1;
        long inplanes = 64;
        for (var stage = 0; stage < 4; stage++)
        {
            var planes = 64L << stage;
            var stageStride = stage == 0 ? 1 : 2;
            x = b.In($"layer{stage + 1}", () =>
            {
                var y = x;
                for (var i = 0; i < c.Blocks[stage]; i++)
                {
                    var stride = i == 0 ? stageStride : 1;
                    var downsample = i == 0 && (stride != 1 || inplanes != planes * expansion);
                    var input = y;
                    y = b.In(i, () => c.Bottleneck
                        ? Bottleneck(b, input, planes, stride, downsample, c)
                        : Basic(b, input, planes, stride, downsample));
                    inplanes = planes * expansion;
                }
                return y;
            });
        }
        x = b.GlobalAvgPool("avgpool", x);
        x = b.Flatten(x);
        x = b.Linear("fc", x, 1000);
        return b.Build(x);
    }

    private static string Basic(NetBuilder b, string x, long planes, int stride, bool downsample)
    {
        var y = b.Conv("conv1", x, planes, 3, stride, 1);
        y = b.BatchNorm("bn1", y);
        y = b.Relu("relu", y);
        y = b.Conv("conv2", y, planes, 3, 1, 1);
        y = b.BatchNorm("bn2", y);
        return b.Relu("relu", b.Add(y, Shortcut(b, x, planes, stride, downsample)));
    }

    private static string Bottleneck(NetBuilder b, string x, long planes, int stride, bool downsample, Config c)
    {
        var width = planes * c.BaseWidth / 64 * c.Groups;
        var y = b.Conv("conv1", x, width, 1);
        y = b.BatchNorm("bn1", y);
        y = b.Relu("relu", y);
        y = b.Conv("conv2", y, width, 3, stride, 1, groups: c.Groups);
        y = b.BatchNorm("bn2", y);
        y = b.Relu("relu", y);
        y = b.Conv("conv3", y, planes * 4, 1);
        y = b.BatchNorm("bn3", y);
        return b.Relu("relu", b.Add(y, Shortcut(b, x, planes * 4, stride, downsample)));
    }

    private static string Shortcut(NetBuilder b, string x, long channels, int stride, bool downsample) =>
        !downsample ? x : b.In("downsample", () => b.BatchNorm("1", b.Conv("0", x, channels, 1, stride)));
}
