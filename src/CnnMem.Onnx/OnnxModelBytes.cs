namespace CnnMem.Onnx;

/// <summary>
/// The outline of an ONNX model's bytes: the opset imports, and where the graph's fields lie, found in one
/// pass that reads only tags and lengths. The importer then reads the fields it needs in the order its
/// checks run (<see cref="Fields"/>), so nothing is copied and weights are never looked at.
/// 1. ModelProto: <c>opset_import</c> (8) is read; <c>graph</c> (7) is kept as a slice; other fields are skipped.
/// 2. GraphProto: its direct fields are counted and checked to lie within the graph.
/// A graph field given twice is merged, as protobuf does: its repeated fields follow one another.
/// </summary>
internal sealed class OnnxModelBytes
{
    public const int GraphNode = 1;
    public const int GraphName = 2;
    public const int GraphInitializer = 5;
    public const int GraphInput = 11;
    public const int GraphOutput = 12;
    public const int GraphValueInfo = 13;
    public const int GraphSparseInitializer = 15;

    private const int ModelProducerName = 2;
    private const int ModelProducerVersion = 3;
    private const int ModelGraph = 7;
    private const int ModelOpsetImport = 8;
    private const int ModelMetadataProps = 14;
    private const int EntryKey = 1;
    private const int EntryValue = 2;
    private const int OpsetDomain = 1;
    private const int OpsetVersion = 2;

    private readonly int[] _counts = new int[GraphSparseInitializer + 1];

    /// <summary>Per graph field, per field number: the bytes from its first tag to the end of its last value.</summary>
    private readonly List<ProtoSlice[]> _spans = [];
    private readonly List<ProtoSlice> _graphs = [];
    private readonly List<(string Domain, long Version)> _opsets = [];
    private readonly List<KeyValuePair<string, string>> _metadata = [];

    private OnnxModelBytes(byte[] data) => Data = data;

    public byte[] Data { get; }

    /// <summary>Whether the model has a graph field (an empty file has none).</summary>
    public bool HasGraph => _graphs.Count > 0;

    /// <summary>The graph's name (empty when not set).</summary>
    public string Name { get; private set; } = "";

    /// <summary>The opset imports in file order.</summary>
    public IReadOnlyList<(string Domain, long Version)> Opsets => _opsets;

    /// <summary>The model's <c>producer_name</c> and <c>producer_version</c> (empty when not set), e.g. "pytorch" and "1.13.1".</summary>
    public (string Name, string Version) Producer { get; private set; } = ("", "");

    /// <summary>The model's <c>metadata_props</c> in file order (a key given twice keeps both entries).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Metadata => _metadata;

    public static OnnxModelBytes Read(byte[] data)
    {
        var model = new OnnxModelBytes(data);
        var r = new ProtoReader(data, 0, data.Length);
        while (!r.AtEnd)
        {
            var tag = r.ReadTag();
            if (tag == ProtoReader.Tag(ModelGraph, ProtoReader.LengthDelimited))
            {
                var graph = r.ReadSlice();
                model._graphs.Add(graph);
                model.Outline(graph);
            }
            else if (tag == ProtoReader.Tag(ModelOpsetImport, ProtoReader.LengthDelimited))
            {
                model._opsets.Add(Opset(r.ReadMessage()));
            }
            else if (tag == ProtoReader.Tag(ModelProducerName, ProtoReader.LengthDelimited))
            {
                model.Producer = (r.ReadString(), model.Producer.Version);
            }
            else if (tag == ProtoReader.Tag(ModelProducerVersion, ProtoReader.LengthDelimited))
            {
                model.Producer = (model.Producer.Name, r.ReadString());
            }
            else if (tag == ProtoReader.Tag(ModelMetadataProps, ProtoReader.LengthDelimited))
            {
                model._metadata.Add(Entry(r.ReadMessage()));
            }
            else
            {
                r.Skip(tag);
            }
        }
        return model;
    }

    /// <summary>How many times the graph has the (message or string) field <paramref name="field"/>.</summary>
    public int Count(int field) => _counts[field];

    /// <summary>The values of the graph's length-delimited field <paramref name="field"/>, in file order.</summary>
    public ProtoFieldEnumerator Fields(int field) => new(Data, _spans, field);

    /// <summary>A reader over one of this model's slices.</summary>
    public ProtoReader Reader(ProtoSlice slice) => new(Data, slice);

    private void Outline(ProtoSlice graph)
    {
        var spans = new ProtoSlice[_counts.Length];
        _spans.Add(spans);
        var r = new ProtoReader(Data, graph);
        while (!r.AtEnd)
        {
            var at = r.Position;
            var tag = r.ReadTag();
            var field = ProtoReader.FieldOf(tag);
            if (ProtoReader.WireTypeOf(tag) != ProtoReader.LengthDelimited || field >= _counts.Length)
            {
                r.Skip(tag);
                continue;
            }
            _counts[field]++;
            if (field == GraphName)
            {
                Name = r.ReadString();
            }
            else
            {
                r.Skip(tag);
            }
            // Enumerating a field then starts at its first value and stops after its last (fields are mostly grouped).
            var from = spans[field].Length == 0 ? at : spans[field].Start;
            spans[field] = new ProtoSlice(from, r.Position - from);
        }
    }

    private static KeyValuePair<string, string> Entry(ProtoReader r)
    {
        string key = "", value = "";
        while (!r.AtEnd)
        {
            var tag = r.ReadTag();
            if (tag == ProtoReader.Tag(EntryKey, ProtoReader.LengthDelimited))
            {
                key = r.ReadString();
            }
            else if (tag == ProtoReader.Tag(EntryValue, ProtoReader.LengthDelimited))
            {
                value = r.ReadString();
            }
            else
            {
                r.Skip(tag);
            }
        }
        return new(key, value);
    }

    private static (string Domain, long Version) Opset(ProtoReader r)
    {
        var domain = "";
        long version = 0;
        while (!r.AtEnd)
        {
            var tag = r.ReadTag();
            if (tag == ProtoReader.Tag(OpsetDomain, ProtoReader.LengthDelimited))
            {
                domain = r.ReadString();
            }
            else if (tag == ProtoReader.Tag(OpsetVersion, ProtoReader.Varint))
            {
                version = r.ReadInt64();
            }
            else
            {
                r.Skip(tag);
            }
        }
        return (domain, version);
    }
}
