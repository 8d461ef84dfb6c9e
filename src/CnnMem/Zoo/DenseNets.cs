namespace CnnMem.Zoo;

/// <summary>
/// torchvision's DenseNet (torchvision/models/densenet.py): dense blocks whose layers each concatenate all
/// earlier outputs (BN-ReLU-1x1 conv to 4*growth, BN-ReLU-3x3 conv to growth), transitions that halve the
/// channels and average-pool 2x2, then BN, ReLU, global pooling and a linear layer.
/// </summary>
internal static class DenseNets
{
    private static readonly (string Name, int Growth, int[] Blocks, int Init)[] Configs =
    [
        ("densenet121", 32, [6, 12, 24, 16], 64),
        ("densenet161", 48, [6, 12, 36, 24], 96),
        ("densenet169", 32, [6, 12, 32, 32], 64),
        ("densenet201", 32, [6, 12, 48, 32], 64),
    ];

    public static IEnumerable<ZooEntry> Entries() =>
        Configs.Select(c => new ZooEntry(c.Name, "densenet", 224, (h, w) => Build(c.Name, c.Growth, c.Blocks, c.Init, h, w)));

    private static Graphs.ModelGraph Build(string name, int growth, int[] blocks, int init, long h, long w)
    {
        var b = new NetBuilder(name, 3, h, w);
        var x = b.In("features", () =>
        {
            var y = b.Conv("conv0", b.Input, init, 7, 2, 3);
            y = b.Relu("relu0", b.BatchNorm("norm0", y));
            y = b.MaxPool("pool0", y, 3, 2, 1);
            for (var i = 0; i < blocks.Length; i++)
            {
                var input = y;
                var layers = blocks[i];
                y = b.In($"denseblock{i + 1}", () => Block(b, input, layers, growth));
                if (i != blocks.Length - 1)
                {
                    var t = y;
                    y = b.In($"transition{i + 1}", () =>
                    {
                        var z = b.Relu("relu", b.BatchNorm("norm", t));
                        z = b.Conv("conv", z, b.Features(z) / 2, 1);
                        return b.AvgPool("pool", z, 2, 2, padNode: true);
                    });
                }
            }
            return b.BatchNorm("norm5", y);
        });
        x = b.GlobalAvgPool(b.Unary("Relu", x));
        x = b.Linear("classifier", b.Flatten(x), 1000);
        return b.Build(x);
    }

    private static string Block(NetBuilder b, string input, int layers, int growth)
    {
        var features = new List<string> { input };
        for (var j = 0; j < layers; j++)
        {
            features.Add(b.In($"denselayer{j + 1}", () =>
            {
                var y = b.Concat(features.ToArray());
                y = b.Conv("conv1", b.Relu("relu1", b.BatchNorm("norm1", y)), 4L * growth, 1);
                return b.Conv("conv2", b.Relu("relu2", b.BatchNorm("norm2", y)), growth, 3, 1, 1);
            }));
        }
        return b.Concat(features);
    }
}
