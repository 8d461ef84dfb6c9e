namespace CnnMem.Onnx;

/// <summary>Settings for <see cref="OnnxImporter"/>.</summary>
internal sealed record OnnxImportOptions
{
    public static readonly OnnxImportOptions Default = new();

    /// <summary>
    /// When the first float input's leading dim is a fixed number (an export without a dynamic batch axis),
    /// replace it by <see cref="BatchSymbol"/> so <c>--batch</c> can change it; the file's value becomes
    /// <see cref="Graphs.ModelGraph.DefaultBatch"/>.
    /// </summary>
    public bool RebindStaticBatch { get; init; } = true;

    /// <summary>The symbol a static or unnamed batch dim is given.</summary>
    public string BatchSymbol { get; init; } = "N";

    /// <summary>Initializers and constant tensors with at most this many elements have their values loaded (when inline).</summary>
    public int MaxValueElements { get; init; } = 1024;
}
