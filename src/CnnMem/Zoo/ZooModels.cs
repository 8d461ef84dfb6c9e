using System.Collections.Immutable;
using CnnMem.Graphs;

namespace CnnMem.Zoo;

/// <summary>
/// The built-in zoo of torchvision classification networks, by torchvision name (resnet50, vit_b_16, ...).
/// Each family is a builder with a table of its variants; parameters equal torchvision 0.14's
/// (see tools/zoo_params.py and ZooParamsTests).
/// </summary>
internal static class ZooModels
{
    public static ImmutableArray<ZooEntry> Entries { get; } =
        new[]
        {
            ResNets.Entries(), Vggs.Entries(), AlexNet.Entries(), SqueezeNets.Entries(), DenseNets.Entries(),
            MobileNetV2.Entries(), MobileNetV3.Entries(), MnasNets.Entries(), ShuffleNets.Entries(),
            EfficientNets.Entries(), RegNets.Entries(), ConvNeXts.Entries(), VisionTransformers.Entries(),
            GoogLeNet.Entries(), InceptionV3.Entries(), SwinTransformers.Entries(),
        }.SelectMany(e => e).ToImmutableArray();

    private static readonly ImmutableDictionary<string, ZooEntry> ByName =
        Entries.ToImmutableDictionary(e => e.Name, StringComparer.OrdinalIgnoreCase);

    public static bool Contains(string name) => ByName.ContainsKey(name);

    /// <summary>Builds <paramref name="name"/> at its default input, or at <paramref name="height"/> x <paramref name="width"/>.</summary>
    public static bool TryBuild(string name, long? height, long? width, out ModelGraph? graph)
    {
        if (!ByName.TryGetValue(name, out var entry))
        {
            graph = null;
            return false;
        }
        var h = height ?? entry.DefaultSize;
        var w = width ?? entry.DefaultSize;
        if (entry.FixedSize && (h != entry.DefaultSize || w != entry.DefaultSize))
        {
            throw new CnnMemException($"{entry.Name} takes only {entry.DefaultSize}x{entry.DefaultSize} inputs (its weights are sized for that input); got {h}x{w}");
        }
        if (h < 1 || w < 1)
        {
            throw new CnnMemException($"--input must be positive; got {h}x{w}");
        }
        graph = entry.Build(h, w);
        return true;
    }
}
