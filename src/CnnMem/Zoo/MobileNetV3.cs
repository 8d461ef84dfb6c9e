namespace CnnMem.Zoo;

/// <summary>
/// torchvision's MobileNetV3 small and large (torchvision/models/mobilenetv3.py): inverted residuals with optional
/// squeeze-excitation (hard-sigmoid gate), ReLU or hard-swish, batch norm with eps 0.001, and a two-layer classifier.
/// </summary>
internal static class MobileNetV3
{
    // input, kernel, expanded, output, squeeze-excitation, hard-swish, stride
    private sealed record Block(int In, int K, int Exp, int Out, bool Se, bool Hs, int S);

    private static readonly Block[] Large =
    [
        new(16, 3, 16, 16, false, false, 1), new(16, 3, 64, 24, false, false, 2), new(24, 3, 72, 24, false, false, 1),
        new(24, 5, 72, 40, true, false, 2), new(40, 5, 120, 40, true, false, 1), new(40, 5, 120, 40, true, false, 1),
        new(40, 3, 240, 80, false, true, 2), new(80, 3, 200, 80, false, true, 1), new(80, 3, 184, 80, false, true, 1),
        new(80, 3, 184, 80, false, true, 1), new(80, 3, 480, 112, true, true, 1), new(112, 3, 672, 112, true, true, 1),
        new(112, 5, 672, 160, true, true, 2), new(160, 5, 960, 160, true, true, 1), new(160, 5, 960, 160, true, true, 1),
    ];

    private static readonly Block[] Small =
    [
        new(16, 3, 16, 16, true, false, 2), new(16, 3, 72, 24, false, false, 2), new(24, 3, 88, 24, false, false, 1),
        new(24, 5, 96, 40, true, true, 2), new(40, 5, 240, 40, true, true, 1), new(40, 5, 240, 40, true, true, 1),
        new(40, 5, 120, 48, true, true, 1), new(48, 5, 144, 48, true, true, 1), new(48, 5, 288, 96, true, true, 2),
        new(96, 5, 576, 96, true, true, 1), new(96, 5, 576, 96, true, true, 1),
    ];

    public static IEnumerable<ZooEntry> Entries() =>
    [
        new ZooEntry("mobilenet_v3_small", "mobilenet", 224, (h, w) => Build("mobilenet_v3_small", Small, 1024, h, w)),
        new ZooEntry("mobilenet_v3_large", "mobilenet", 224, (h, w) => Build("mobilenet_v3_large", Large, 1280, h, w)),
    ];

    private const double Eps = 0.001;

    private static Graphs.ModelGraph Build(string name, Block[] blocks, long lastChannel, long h, long w)
    {
        var b = new NetBuilder(name, 3, h, w);
        var x = b.In("features", () =>
        {
            var y = b.ConvNormAct("0", b.Input, 16, 3, 2, act: "HardSwish", eps: Eps);
            var index = 1;
            foreach (var block in blocks)
            {
                var input = y;
                y = b.In(index++, () => InvertedResidual(b, input, block));
            }
            return b.ConvNormAct($"{index}", y, 6L * blocks[^1].Out, 1, act: "HardSwish", eps: Eps);
        });
        x = b.Flatten(b.GlobalAvgPool("avgpool", x));
        x = b.In("classifier", () =>
        {
            var y = b.Act("1", "HardSwish", b.Linear("0", x, lastChannel));
            return b.Linear("3", b.Dropout("2", y, 0.2), 1000);
        });
        return b.Build(x);
    }

    private static string InvertedResidual(NetBuilder b, string x, Block c)
    {
        var act = c.Hs ? "HardSwish" : "Relu";
        var y = b.In("block", () =>
        {
            var z = x;
            var index = 0;
            if (c.Exp != c.In)
            {
                z = b.ConvNormAct($"{index++}", z, c.Exp, 1, act: act, eps: Eps);
            }
            z = b.ConvNormAct($"{index++}", z, c.Exp, c.K, c.S, c.Exp, act, Eps);
            if (c.Se)
            {
                z = b.SqueezeExcitation($"{index++}", z, TorchBlocks.MakeDivisible(c.Exp / 4), "Relu", "HardSigmoid");
            }
            return b.ConvNormAct($"{index}", z, c.Out, 1, act: null, eps: Eps);
        });
        return c.S == 1 && c.In == c.Out ? b.Add(y, x) : y;
    }
}
