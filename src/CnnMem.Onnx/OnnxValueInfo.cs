namespace CnnMem.Onnx;

/// <summary>
/// What the importer needs of a <c>ValueInfoProto</c>: its name and, when its type is a tensor, the
/// element type and dims (<c>dim_value</c> -> <see cref="Dim.Of"/>, <c>dim_param</c> -> <see cref="Dim.Sym"/>,
/// neither -> <see cref="Dim.Unknown"/>). Nested messages given twice merge as protobuf merges them.
/// </summary>
internal sealed class OnnxValueInfo
{
    /// <summary>TypeProto's oneof cases, by field number.</summary>
    public const int TensorType = 1;
    public const int SequenceType = 4;
    public const int MapType = 5;
    public const int SparseTensorType = 8;
    public const int OptionalType = 9;

    private const int VarintTag = ProtoReader.Varint;
    private const int MessageTag = ProtoReader.LengthDelimited;

    public string Name { get; private set; } = "";

    public bool HasType { get; private set; }

    /// <summary>Which of TypeProto's oneof fields is set (its field number), 0 for none.</summary>
    public int TypeCase { get; private set; }

    public int ElemType { get; private set; }

    public bool HasShape { get; private set; }

    /// <summary>The dims; <see cref="Dim.Unknown"/> where neither a value nor a non-empty symbol is given.</summary>
    public List<Dim> Dims { get; } = [];

    /// <summary>For each dim, whether it was given as a value (<c>dim_value</c>), and the value.</summary>
    public List<long?> DimValues { get; } = [];

    /// <summary>Reads the value info at <paramref name="slice"/> into this (reused) instance.</summary>
    public void Read(OnnxImportContext context, ProtoSlice slice)
    {
        var v = this;
        v.Name = "";
        v.HasType = false;
        v.TypeCase = 0;
        v.ElemType = 0;
        v.HasShape = false;
        v.Dims.Clear();
        v.DimValues.Clear();
        var r = context.Reader(slice);
        while (!r.AtEnd)
        {
            var tag = r.ReadTag();
            if (tag == ProtoReader.Tag(1, MessageTag))
            {
                v.Name = r.ReadString();
            }
            else if (tag == ProtoReader.Tag(2, MessageTag))
            {
                v.HasType = true;
                v.ReadType(r.ReadMessage());
            }
            else
            {
                r.Skip(tag);
            }
        }
    }

    /// <summary>Only the name (graph outputs).</summary>
    public static string ReadName(OnnxImportContext context, ProtoSlice slice)
    {
        var name = "";
        var r = context.Reader(slice);
        while (!r.AtEnd)
        {
            var tag = r.ReadTag();
            if (tag == ProtoReader.Tag(1, MessageTag))
            {
                name = r.ReadString();
            }
            else
            {
                r.Skip(tag);
            }
        }
        return name;
    }

    private void ReadType(ProtoReader r)
    {
        while (!r.AtEnd)
        {
            var tag = r.ReadTag();
            var field = ProtoReader.FieldOf(tag);
            if (ProtoReader.WireTypeOf(tag) == MessageTag && field is TensorType or SequenceType or MapType or SparseTensorType or OptionalType)
            {
                if (field != TypeCase)
                {
                    // Another oneof case replaces the one before.
                    ElemType = 0;
                    HasShape = false;
                    Dims.Clear();
                    DimValues.Clear();
                    TypeCase = field;
                }
                var inner = r.ReadMessage();
                if (field == TensorType)
                {
                    ReadTensorType(inner);
                }
            }
            else
            {
                r.Skip(tag);
            }
        }
    }

    private void ReadTensorType(ProtoReader r)
    {
        while (!r.AtEnd)
        {
            var tag = r.ReadTag();
            if (tag == ProtoReader.Tag(1, VarintTag))
            {
                ElemType = r.ReadInt32();
            }
            else if (tag == ProtoReader.Tag(2, MessageTag))
            {
                HasShape = true;
                var shape = r.ReadMessage();
                while (!shape.AtEnd)
                {
                    var dimTag = shape.ReadTag();
                    if (dimTag == ProtoReader.Tag(1, MessageTag))
                    {
                        ReadDim(shape.ReadMessage());
                    }
                    else
                    {
                        shape.Skip(dimTag);
                    }
                }
            }
            else
            {
                r.Skip(tag);
            }
        }
    }

    private void ReadDim(ProtoReader r)
    {
        long? value = null;
        string? symbol = null;
        while (!r.AtEnd)
        {
            var tag = r.ReadTag();
            if (tag == ProtoReader.Tag(1, VarintTag))
            {
                value = r.ReadInt64();
                symbol = null;
            }
            else if (tag == ProtoReader.Tag(2, MessageTag))
            {
                symbol = r.ReadString();
                value = null;
            }
            else
            {
                r.Skip(tag);
            }
        }
        DimValues.Add(value);
        Dims.Add(value is { } v ? Dim.Of(v) : symbol is { Length: > 0 } s ? Dim.Sym(s) : Dim.Unknown);
    }
}
