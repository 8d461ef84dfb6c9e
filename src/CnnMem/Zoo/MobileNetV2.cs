namespace CnnMem.Zoo;

/// <summary>
/// torchvision's MobileNetV2 (torchvision/models/mobilenetv2.py): inverted residual blocks (1x1 expansion,
/// 3x3 depthwise, 1x1 linear projection; ReLU6 as Clip), a residual add where stride is 1 and the channels
/// match, a 1x1 convolution to 1280 channels, global pooling and a dropout classifier.
/// </summary>
internal static class MobileNetV2
{
    // expansion t, channels c, repeats n, first stride s
    private static readonly (int T, int C, int N, int S)[] Settings =
        [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)];

    public static IEnumerable<ZooEntry> Entries() => [new ZooEntry("mobilenet_v2", "mobilenet", 224, Build)];

    /// <summary>Conv2dNormActivation: conv (no bias), batch norm and ReLU6 as submodules 0, 1, 2.</summary>
    internal static string ConvBnRelu6(NetBuilder b, string module, string x, long cout, int k, int stride = 1, int groups = 1) =>
        b.In(module, () => b.Relu6("2", b.BatchNorm("1", b.Conv("0", x, cout, k, stride, (k - 1) / 2, groups))));

    private static Graphs.ModelGraph Build(long h, long w)
    {
        var b = new NetBuilder("mobilenet_v2", 3, h, w);
        var x = b.In("features", () =>
        {
            var y = ConvBnRelu6(b, "0", b.Input, 32, 3, 2);
            var index = 1;
            foreach (var (t, c, n, s) in Settings)
            {
                for (var i = 0; i < n; i++)
                {
                    var input = y;
                    var stride = i == 0 ? s : 1;
                    y = b.In(index++, () => InvertedResidual(b, input, c, stride, t));
                }
            }
            return ConvBnRelu6(b, $"{index}", y, 1280, 1);
        });
        x = b.Flatten(b.GlobalAvgPool(x));
        x = b.In("classifier", () => b.Linear("1", b.Dropout("0", x, 0.2), 1000));
        return b.Build(x);
    }

    private static string InvertedResidual(NetBuilder b, string x, long oup, int stride, int expand)
    {
        var inp = b.Features(x);
        var hidden = inp * expand;
        var y = b.In("conv", () =>
        {
            var z = x;
            var index = 0;
            if (expand != 1)
            {
                z = ConvBnRelu6(b, $"{index++}", z, hidden, 1);
            }
            z = ConvBnRelu6(b, $"{index++}", z, hidden, 3, stride, (int)hidden);
            z = b.Conv($"{index++}", z, oup, 1);
            return b.BatchNorm($"{index}", z);
        });
        return stride == 1 && inp == oup ? b.Add(x, y) : y;
    }
}
