namespace CnnMem.Onnx;

/// <summary>
/// What the importer needs of an <c>AttributeProto</c>, read from its bytes: name, declared type, the
/// scalar fields, the lists, and where a tensor lies. Subgraphs, sparse tensors and type protos are only
/// noted as present: cnnmem does not look inside them.
/// </summary>
internal sealed class OnnxAttributeFields
{
    public string Name { get; private set; } = "";

    /// <summary>The declared type code (0 when unset, as in files before IR 2).</summary>
    public int Type { get; private set; }

    public float F { get; private set; }

    public long I { get; private set; }

    public ProtoSlice S { get; private set; }

    /// <summary>The tensor field (<c>t</c>), when present.</summary>
    public ProtoSlice? T { get; private set; }

    /// <summary>A graph (<c>g</c>), graphs or tensors are present.</summary>
    public bool HasGraphsOrTensors { get; private set; }

    public List<long> Ints { get; } = [];

    public List<float> Floats { get; } = [];

    public List<ProtoSlice> Strings { get; } = [];

    /// <summary>Reads the attribute at <paramref name="slice"/> into this (reused) instance.</summary>
    public void Read(OnnxImportContext context, ProtoSlice slice)
    {
        Name = "";
        Type = 0;
        F = 0;
        I = 0;
        S = default;
        T = null;
        HasGraphsOrTensors = false;
        Ints.Clear();
        Floats.Clear();
        Strings.Clear();
        var r = context.Reader(slice);
        while (!r.AtEnd)
        {
            var tag = r.ReadTag();
            var wire = ProtoReader.WireTypeOf(tag);
            switch (ProtoReader.FieldOf(tag))
            {
                case 1 when wire == ProtoReader.LengthDelimited:
                    Name = r.ReadString(context.Strings);
                    break;
                case 20 when wire == ProtoReader.Varint:
                    Type = r.ReadInt32();
                    break;
                case 2 when wire == ProtoReader.Fixed32:
                    F = r.ReadFloat();
                    break;
                case 3 when wire == ProtoReader.Varint:
                    I = r.ReadInt64();
                    break;
                case 4 when wire == ProtoReader.LengthDelimited:
                    S = r.ReadSlice();
                    break;
                case 5 when wire == ProtoReader.LengthDelimited:
                    T = r.ReadSlice();
                    break;
                case 6 or 10 or 11 when wire == ProtoReader.LengthDelimited:
                    HasGraphsOrTensors = true;
                    r.Skip(tag);
                    break;
                case 7 when wire is ProtoReader.Fixed32 or ProtoReader.LengthDelimited:
                    ReadFloats(ref r, tag);
                    break;
                case 8 when wire is ProtoReader.Varint or ProtoReader.LengthDelimited:
                    r.ReadInt64s(tag, Ints);
                    break;
                case 9 when wire == ProtoReader.LengthDelimited:
                    Strings.Add(r.ReadSlice());
                    break;
                default:
                    r.Skip(tag);
                    break;
            }
        }
    }

    private void ReadFloats(ref ProtoReader r, int tag)
    {
        if (ProtoReader.WireTypeOf(tag) == ProtoReader.Fixed32)
        {
            Floats.Add(r.ReadFloat());
            return;
        }
        var run = r.ReadMessage();
        while (!run.AtEnd)
        {
            Floats.Add(run.ReadFloat());
        }
    }
}
