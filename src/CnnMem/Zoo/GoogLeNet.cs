namespace CnnMem.Zoo;

/// <summary>
/// torchvision's GoogLeNet (torchvision/models/googlenet.py) as torchvision builds it without weights: with its two
/// auxiliary classifiers (aux_logits=True), which run in training and whose parameters count. Inception modules have
/// four branches (1x1; 1x1-3x3; 1x1-3x3, torchvision's 3x3 in place of the paper's 5x5; 3x3 max pool-1x1).
/// </summary>
internal static class GoogLeNet
{
    public const string AuxNote = "with torchvision's default auxiliary classifiers (aux_logits=True): their parameters count and they run in training";

    private static readonly (string Name, int C1, int R3, int C3, int R5, int C5, int Pool)[] Modules =
    [
        ("inception3a", 64, 96, 128, 16, 32, 32), ("inception3b", 128, 128, 192, 32, 96, 64),
        ("inception4a", 192, 96, 208, 16, 48, 64), ("inception4b", 160, 112, 224, 24, 64, 64),
        ("inception4c", 128, 128, 256, 24, 64, 64), ("inception4d", 112, 144, 288, 32, 64, 64),
        ("inception4e", 256, 160, 320, 32, 128, 128), ("inception5a", 256, 160, 320, 32, 128, 128),
        ("inception5b", 384, 192, 384, 48, 128, 128),
    ];

    public static IEnumerable<ZooEntry> Entries() => [new ZooEntry("googlenet", "googlenet", 224, Build) { Note = AuxNote }];

    /// <summary>BasicConv2d: conv without bias, batch norm (eps 0.001), F.relu.</summary>
    internal static string BasicConv(NetBuilder b, string module, string x, long cout, (int H, int W) k, (int H, int W) stride, (int H, int W) pad) =>
        b.In(module, () => b.Unary("Relu", b.BatchNorm("bn", b.Conv("conv", x, cout, k, stride, pad), 0.001)));

    internal static string BasicConv(NetBuilder b, string module, string x, long cout, int k, int stride = 1, int pad = 0) =>
        BasicConv(b, module, x, cout, (k, k), (stride, stride), (pad, pad));

    private static Graphs.ModelGraph Build(long h, long w)
    {
        var b = new NetBuilder("googlenet", 3, h, w);
        var x = BasicConv(b, "conv1", b.Input, 64, 7, 2, 3);
        x = b.MaxPool("maxpool1", x, 3, 2, ceil: true);
        x = BasicConv(b, "conv2", x, 64, 1);
        x = BasicConv(b, "conv3", x, 192, 3, 1, 1);
        x = b.MaxPool("maxpool2", x, 3, 2, ceil: true);
        // spatial size after the stem, for the auxiliary heads' adaptive pooling
        long Ceil(long n) => (n - 3 + 1) / 2 + 1;
        var fh = Ceil(Ceil((h + 6 - 7) / 2 + 1));
        var fw = Ceil(Ceil((w + 6 - 7) / 2 + 1));
        string aux1 = "", aux2 = "";
        foreach (var m in Modules)
        {
            if (m.Name == "inception4a")
            {
                x = b.MaxPool("maxpool3", x, 3, 2, ceil: true);
                fh = Ceil(fh);
                fw = Ceil(fw);
            }
            if (m.Name == "inception5a")
            {
                x = b.MaxPool("maxpool4", x, 2, 2, ceil: true);
            }
            var input = x;
            x = b.In(m.Name, () => Inception(b, input, m.C1, m.R3, m.C3, m.R5, m.C5, m.Pool));
            var t = x;
            if (m.Name == "inception4a")
            {
                aux1 = b.In("aux1", () => Aux(b, t, fh, fw));
            }
            if (m.Name == "inception4d")
            {
                aux2 = b.In("aux2", () => Aux(b, t, fh, fw));
            }
        }
        x = b.Flatten(b.GlobalAvgPool("avgpool", x));
        x = b.Linear("fc", b.Dropout("dropout", x, 0.2), 1000);
        return b.Build(x, aux1, aux2);
    }

    private static string Inception(NetBuilder b, string x, long c1, long r3, long c3, long r5, long c5, long pool)
    {
        var b1 = BasicConv(b, "branch1", x, c1, 1);
        var b2 = b.In("branch2", () => BasicConv(b, "1", BasicConv(b, "0", x, r3, 1), c3, 3, 1, 1));
        var b3 = b.In("branch3", () => BasicConv(b, "1", BasicConv(b, "0", x, r5, 1), c5, 3, 1, 1));
        var b4 = b.In("branch4", () => BasicConv(b, "1", b.MaxPool("0", x, 3, 1, 1, ceil: true), pool, 1));
        return b.Concat([b1, b2, b3, b4]);
    }

    private static string Aux(NetBuilder b, string x, long h, long w)
    {
        var y = b.AdaptiveAvgPool(null, x, 4, 4, h, w);
        y = b.Flatten(BasicConv(b, "conv", y, 128, 1), 16);
        y = b.Unary("Relu", b.Linear("fc1", y, 1024));
        return b.Linear("fc2", b.Dropout("dropout", y, 0.7), 1000);
    }
}
