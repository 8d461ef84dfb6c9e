namespace CnnMem.Zoo;

/// <summary>
/// torchvision's EfficientNet B0-B7 and V2 S/M/L (torchvision/models/efficientnet.py): MBConv blocks (1x1 expansion,
/// depthwise, squeeze-excitation with SiLU and a sigmoid gate, 1x1 projection) and, in V2, FusedMBConv blocks (one
/// full convolution for expansion); residual branches with stochastic depth 0.2 * block / blocks in training;
/// widths and depths scaled per variant.
/// </summary>
internal static class EfficientNets
{
    // fused, expansion, kernel, stride, input, output, layers
    private sealed record Stage(bool Fused, int E, int K, int S, int In, int Out, int N);

    private sealed record Config(string Name, double Width, double Depth, double Dropout, Stage[] Stages, long? LastChannel, double Eps);

    private static readonly Stage[] V1 =
    [
        new(false, 1, 3, 1, 32, 16, 1), new(false, 6, 3, 2, 16, 24, 2), new(false, 6, 5, 2, 24, 40, 2), new(false, 6, 3, 2, 40, 80, 3),
        new(false, 6, 5, 1, 80, 112, 3), new(false, 6, 5, 2, 112, 192, 4), new(false, 6, 3, 1, 192, 320, 1),
    ];

    private static readonly Config[] Configs =
    [
        new("efficientnet_b0", 1.0, 1.0, 0.2, V1, null, 1e-5),
        new("efficientnet_b1", 1.0, 1.1, 0.2, V1, null, 1e-5),
        new("efficientnet_b2", 1.1, 1.2, 0.3, V1, null, 1e-5),
        new("efficientnet_b3", 1.2, 1.4, 0.3, V1, null, 1e-5),
        new("efficientnet_b4", 1.4, 1.8, 0.4, V1, null, 1e-5),
        new("efficientnet_b5", 1.6, 2.2, 0.4, V1, null, 1e-3),
        new("efficientnet_b6", 1.8, 2.6, 0.5, V1, null, 1e-3),
        new("efficientnet_b7", 2.0, 3.1, 0.5, V1, null, 1e-3),
        new("efficientnet_v2_s", 1.0, 1.0, 0.2,
        [
            new(true, 1, 3, 1, 24, 24, 2), new(true, 4, 3, 2, 24, 48, 4), new(true, 4, 3, 2, 48, 64, 4),
            new(false, 4, 3, 2, 64, 128, 6), new(false, 6, 3, 1, 128, 160, 9), new(false, 6, 3, 2, 160, 256, 15),
        ], 1280, 1e-3),
        new("efficientnet_v2_m", 1.0, 1.0, 0.3,
        [
            new(true, 1, 3, 1, 24, 24, 3), new(true, 4, 3, 2, 24, 48, 5), new(true, 4, 3, 2, 48, 80, 5), new(false, 4, 3, 2, 80, 160, 7),
            new(false, 6, 3, 1, 160, 176, 14), new(false, 6, 3, 2, 176, 304, 18), new(false, 6, 3, 1, 304, 512, 5),
        ], 1280, 1e-3),
        new("efficientnet_v2_l", 1.0, 1.0, 0.4,
        [
            new(true, 1, 3, 1, 32, 32, 4), new(true, 4, 3, 2, 32, 64, 7), new(true, 4, 3, 2, 64, 96, 7), new(false, 4, 3, 2, 96, 192, 10),
            new(false, 6, 3, 1, 192, 224, 19), new(false, 6, 3, 2, 224, 384, 25), new(false, 6, 3, 1, 384, 640, 7),
        ], 1280, 1e-3),
    ];

    private const double StochasticDepthProb = 0.2;

    public static IEnumerable<ZooEntry> Entries() =>
        Configs.Select(c => new ZooEntry(c.Name, "efficientnet", 224, (h, w) => Build(c, h, w)));

    private static Graphs.ModelGraph Build(Config c, long h, long w)
    {
        // MBConv stages scale widths (multiples of 8) and depths (ceil); fused V2 stages are not scaled.
        long Width(Stage s, int ch) => s.Fused ? ch : TorchBlocks.MakeDivisible(ch * c.Width);
        int Depth(Stage s) => s.Fused ? s.N : (int)Math.Ceiling(s.N * c.Depth);
        var total = c.Stages.Sum(Depth);
        var b = new NetBuilder(c.Name, 3, h, w);
        var x = b.In("features", () =>
        {
            var y = b.ConvNormAct("0", b.Input, Width(c.Stages[0], c.Stages[0].In), 3, 2, act: "SiLU", eps: c.Eps);
            var blockId = 0;
            for (var s = 0; s < c.Stages.Length; s++)
            {
                var stage = c.Stages[s];
                var input = y;
                y = b.In(s + 1, () =>
                {
                    var z = input;
                    for (var i = 0; i < Depth(stage); i++)
                    {
                        var zi = z;
                        var sd = StochasticDepthProb * blockId++ / total;
                        z = b.In(i, () => Block(b, zi, stage with { S = i == 0 ? stage.S : 1 }, Width(stage, stage.Out), sd, c.Eps));
                    }
                    return z;
                });
            }
            var last = c.LastChannel ?? 4 * b.Features(y);
            return b.ConvNormAct($"{c.Stages.Length + 1}", y, last, 1, act: "SiLU", eps: c.Eps);
        });
        x = b.Flatten(b.GlobalAvgPool("avgpool", x));
        x = b.In("classifier", () => b.Linear("1", b.Dropout("0", x, c.Dropout), 1000));
        return b.Build(x);
    }

    private static string Block(NetBuilder b, string x, Stage s, long output, double sd, double eps)
    {
        var input = b.Features(x);
        var expanded = TorchBlocks.MakeDivisible(input * s.E);
        var y = b.In("block", () =>
        {
            if (s.Fused)
            {
                return expanded == input
                    ? b.ConvNormAct("0", x, output, s.K, s.S, act: "SiLU", eps: eps)
                    : b.ConvNormAct("1", b.ConvNormAct("0", x, expanded, s.K, s.S, act: "SiLU", eps: eps), output, 1, act: null, eps: eps);
            }
            var z = x;
            var index = 0;
            if (expanded != input)
            {
                z = b.ConvNormAct($"{index++}", z, expanded, 1, act: "SiLU", eps: eps);
            }
            z = b.ConvNormAct($"{index++}", z, expanded, s.K, s.S, expanded, "SiLU", eps);
            z = b.SqueezeExcitation($"{index++}", z, Math.Max(1, input / 4), "SiLU", "Sigmoid");
            return b.ConvNormAct($"{index}", z, output, 1, act: null, eps: eps);
        });
        return s.S == 1 && input == output ? b.Add(b.StochasticDepth("stochastic_depth", y, sd), x) : y;
    }
}
