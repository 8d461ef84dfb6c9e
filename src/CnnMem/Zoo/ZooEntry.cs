using CnnMem.Graphs;

namespace CnnMem.Zoo;

/// <summary>
/// One network of the built-in zoo: its torchvision name, family, default input (square, in pixels),
/// a note where cnnmem follows torchvision's default rather than the inference network, and the builder,
/// which takes the input height and width.
/// </summary>
internal sealed record ZooEntry(string Name, string Family, long DefaultSize, Func<long, long, ModelGraph> Build)
{
    public string? Note { get; init; }

    /// <summary>True when the network accepts only its default input size (e.g. ViT's position embedding).</summary>
    public bool FixedSize { get; init; }
}
