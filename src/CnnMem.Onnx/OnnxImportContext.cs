namespace CnnMem.Onnx;

/// <summary>
/// State shared while one model is imported: its bytes, the options, and the pools that let repeated
/// strings, shapes and attribute sets be allocated once.
/// </summary>
internal sealed class OnnxImportContext(OnnxModelBytes model, OnnxImportOptions options)
{
    public OnnxModelBytes Model { get; } = model;

    public byte[] Data => Model.Data;

    public OnnxImportOptions Options { get; } = options;

    /// <summary>Op types, domains, attribute names and other short strings that repeat.</summary>
    public StringPool Strings { get; } = new();

    public ShapePool Shapes { get; } = new();

    /// <summary>A tensor's fields, reused from one tensor to the next.</summary>
    public OnnxTensorFields Tensor { get; } = new();

    /// <summary>A value info's fields, reused from one to the next.</summary>
    public OnnxValueInfo ValueInfo { get; } = new();

    /// <summary>An attribute's fields, reused from one attribute to the next.</summary>
    public OnnxAttributeFields Attribute { get; } = new();

    /// <summary>A node's attributes by their bytes (see <see cref="OnnxAttributes"/>).</summary>
    public Dictionary<byte[], Graphs.Attributes> AttributeSets { get; } = new(SpanKeyComparer<byte>.Instance);

    public ProtoReader Reader(ProtoSlice slice) => new(Data, slice);
}
