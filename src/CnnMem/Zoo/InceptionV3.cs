namespace CnnMem.Zoo;

/// <summary>
/// torchvision's Inception v3 (torchvision/models/inception.py) at 299x299, as torchvision builds it without weights:
/// with its auxiliary classifier (aux_logits=True), which runs in training and whose parameters count. Modules A-E
/// with factorized 1x7/7x1 and 1x3/3x1 convolutions; every convolution is BasicConv2d (no bias, BN eps 0.001, ReLU).
/// </summary>
internal static class InceptionV3
{
    public static IEnumerable<ZooEntry> Entries() => [new ZooEntry("inception_v3", "inception", 299, Build) { Note = GoogLeNet.AuxNote }];

    private static string Conv(NetBuilder b, string module, string x, long cout, int k, int stride = 1, int pad = 0) =>
        GoogLeNet.BasicConv(b, module, x, cout, k, stride, pad);

    /// <summary>A 1x7 (<paramref name="wide"/>) or 7x1 convolution, or 1x3 / 3x1 with <paramref name="k"/> = 3.</summary>
    private static string Conv1xK(NetBuilder b, string module, string x, long cout, bool wide, int k = 7) =>
        GoogLeNet.BasicConv(b, module, x, cout, wide ? (1, k) : (k, 1), (1, 1), wide ? (0, k / 2) : (k / 2, 0));

    private static string PoolBranch(NetBuilder b, string x, long cout) => Conv(b, "branch_pool", b.AvgPool(null, x, 3, 1, 1), cout, 1);

    private static Graphs.ModelGraph Build(long h, long w)
    {
        var b = new NetBuilder("inception_v3", 3, h, w);
        var x = Conv(b, "Conv2d_1a_3x3", b.Input, 32, 3, 2);
        x = Conv(b, "Conv2d_2a_3x3", x, 32, 3);
        x = Conv(b, "Conv2d_2b_3x3", x, 64, 3, 1, 1);
        x = b.MaxPool("maxpool1", x, 3, 2);
        x = Conv(b, "Conv2d_3b_1x1", x, 80, 1);
        x = Conv(b, "Conv2d_4a_3x3", x, 192, 3);
        x = b.MaxPool("maxpool2", x, 3, 2);
        foreach (var (name, pool) in new[] { ("Mixed_5b", 32), ("Mixed_5c", 64), ("Mixed_5d", 64) })
        {
            var t = x;
            x = b.In(name, () => A(b, t, pool));
        }
        x = b.In("Mixed_6a", () => B(b, x));
        foreach (var (name, c7) in new[] { ("Mixed_6b", 128), ("Mixed_6c", 160), ("Mixed_6d", 160), ("Mixed_6e", 192) })
        {
            var t = x;
            x = b.In(name, () => C(b, t, c7));
        }
        var aux = b.In("AuxLogits", () =>
        {
            var y = Conv(b, "conv0", b.AvgPool(null, x, 5, 3), 128, 1);
            y = b.Flatten(b.GlobalAvgPool(Conv(b, "conv1", y, 768, 5)));
            return b.Linear("fc", y, 1000);
        });
        x = b.In("Mixed_7a", () => D(b, x));
        x = b.In("Mixed_7b", () => E(b, x));
        x = b.In("Mixed_7c", () => E(b, x));
        x = b.Dropout("dropout", b.GlobalAvgPool("avgpool", x), 0.5);
        x = b.Linear("fc", b.Flatten(x), 1000);
        return b.Build(x, aux);
    }

    private static string A(NetBuilder b, string x, long pool)
    {
        var b1 = Conv(b, "branch1x1", x, 64, 1);
        var b5 = Conv(b, "branch5x5_2", Conv(b, "branch5x5_1", x, 48, 1), 64, 5, 1, 2);
        var b3 = Conv(b, "branch3x3dbl_1", x, 64, 1);
        b3 = Conv(b, "branch3x3dbl_3", Conv(b, "branch3x3dbl_2", b3, 96, 3, 1, 1), 96, 3, 1, 1);
        return b.Concat([b1, b5, b3, PoolBranch(b, x, pool)]);
    }

    private static string B(NetBuilder b, string x)
    {
        var b3 = Conv(b, "branch3x3", x, 384, 3, 2);
        var bd = Conv(b, "branch3x3dbl_1", x, 64, 1);
        bd = Conv(b, "branch3x3dbl_3", Conv(b, "branch3x3dbl_2", bd, 96, 3, 1, 1), 96, 3, 2);
        return b.Concat([b3, bd, b.MaxPool(null, x, 3, 2)]);
    }

    private static string C(NetBuilder b, string x, long c7)
    {
        var b1 = Conv(b, "branch1x1", x, 192, 1);
        var b7 = Conv(b, "branch7x7_1", x, c7, 1);
        b7 = Conv1xK(b, "branch7x7_3", Conv1xK(b, "branch7x7_2", b7, c7, true), 192, false);
        var bd = Conv(b, "branch7x7dbl_1", x, c7, 1);
        bd = Conv1xK(b, "branch7x7dbl_3", Conv1xK(b, "branch7x7dbl_2", bd, c7, false), c7, true);
        bd = Conv1xK(b, "branch7x7dbl_5", Conv1xK(b, "branch7x7dbl_4", bd, c7, false), 192, true);
        return b.Concat([b1, b7, bd, PoolBranch(b, x, 192)]);
    }

    private static string D(NetBuilder b, string x)
    {
        var b3 = Conv(b, "branch3x3_2", Conv(b, "branch3x3_1", x, 192, 1), 320, 3, 2);
        var b7 = Conv(b, "branch7x7x3_1", x, 192, 1);
        b7 = Conv1xK(b, "branch7x7x3_3", Conv1xK(b, "branch7x7x3_2", b7, 192, true), 192, false);
        b7 = Conv(b, "branch7x7x3_4", b7, 192, 3, 2);
        return b.Concat([b3, b7, b.MaxPool(null, x, 3, 2)]);
    }

    private static string E(NetBuilder b, string x)
    {
        var b1 = Conv(b, "branch1x1", x, 320, 1);
        var b3 = Conv(b, "branch3x3_1", x, 384, 1);
        b3 = b.Concat([Conv1xK(b, "branch3x3_2a", b3, 384, true, 3), Conv1xK(b, "branch3x3_2b", b3, 384, false, 3)]);
        var bd = Conv(b, "branch3x3dbl_2", Conv(b, "branch3x3dbl_1", x, 448, 1), 384, 3, 1, 1);
        bd = b.Concat([Conv1xK(b, "branch3x3dbl_3a", bd, 384, true, 3), Conv1xK(b, "branch3x3dbl_3b", bd, 384, false, 3)]);
        return b.Concat([b1, b3, bd, PoolBranch(b, x, 192)]);
    }
}
