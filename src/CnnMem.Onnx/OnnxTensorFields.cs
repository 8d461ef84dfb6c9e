namespace CnnMem.Onnx;

/// <summary>
/// What the importer needs of a <c>TensorProto</c>, read without copying its data: name, element type,
/// dims, where the data is, and how many elements each data field holds. Values are read later, and only
/// for small tensors (<see cref="OnnxTensors"/>).
/// </summary>
internal sealed class OnnxTensorFields
{
    public const int Dims = 1;
    public const int DataType = 2;
    public const int FloatData = 4;
    public const int Int32Data = 5;
    public const int StringData = 6;
    public const int Int64Data = 7;
    public const int Name = 8;
    public const int RawData = 9;
    public const int DoubleData = 10;
    public const int Uint64Data = 11;
    public const int DataLocation = 14;

    /// <summary>The tensor's bytes (for reading its typed data again).</summary>
    public ProtoSlice Message { get; private set; }

    public string TensorName { get; private set; } = "";

    public int ElemType { get; private set; }

    /// <summary>The dims, in a buffer the reader reuses: read them before the next tensor.</summary>
    public List<long> DimValues { get; } = [];

    public int Location { get; private set; }

    /// <summary>The last raw_data field (protobuf keeps the last of a repeated scalar field).</summary>
    public ProtoSlice Raw { get; private set; }

    /// <summary>Elements in each typed data field, by field number.</summary>
    public int[] Counts { get; } = new int[Uint64Data + 1];

    /// <summary>Reads the tensor at <paramref name="message"/> into this (reused) instance.</summary>
    public void Read(byte[] data, ProtoSlice message, StringPool? names = null)
    {
        Message = message;
        TensorName = "";
        ElemType = 0;
        DimValues.Clear();
        Location = 0;
        Raw = default;
        Array.Clear(Counts);
        var r = new ProtoReader(data, message);
        while (!r.AtEnd)
        {
            var tag = r.ReadTag();
            var field = ProtoReader.FieldOf(tag);
            var wire = ProtoReader.WireTypeOf(tag);
            switch (field)
            {
                case Dims when wire is ProtoReader.Varint or ProtoReader.LengthDelimited:
                    r.ReadInt64s(tag, DimValues);
                    break;
                case DataType when wire == ProtoReader.Varint:
                    ElemType = r.ReadInt32();
                    break;
                case Name when wire == ProtoReader.LengthDelimited:
                    TensorName = names is null ? r.ReadString() : r.ReadString(names);
                    break;
                case RawData when wire == ProtoReader.LengthDelimited:
                    Raw = r.ReadSlice();
                    break;
                case DataLocation when wire == ProtoReader.Varint:
                    Location = r.ReadInt32();
                    break;
                case FloatData or Int32Data or StringData or Int64Data or DoubleData or Uint64Data:
                    Counts[field] += CountValues(ref r, tag);
                    break;
                default:
                    r.Skip(tag);
                    break;
            }
        }
    }

    /// <summary>Elements in one occurrence of a typed data field (a packed run or a single value).</summary>
    private static int CountValues(ref ProtoReader r, int tag)
    {
        var field = ProtoReader.FieldOf(tag);
        var wire = ProtoReader.WireTypeOf(tag);
        if (field == StringData)
        {
            r.Skip(tag);
            return wire == ProtoReader.LengthDelimited ? 1 : 0;
        }
        var size = ElementWireSize(field);
        if (wire != ProtoReader.LengthDelimited)
        {
            var expected = size switch { 4 => ProtoReader.Fixed32, 8 => ProtoReader.Fixed64, _ => ProtoReader.Varint };
            r.Skip(tag);
            return wire == expected ? 1 : 0;
        }
        var run = r.ReadSlice();
        if (size == 0)
        {
            return r.CountVarints(run);
        }
        if (run.Length % size != 0)
        {
            throw r.Malformed($"a packed run of {run.Length} bytes is not a whole number of {size}-byte values");
        }
        return run.Length / size;
    }

    /// <summary>Bytes per value in a packed run: 4 for float, 8 for double, 0 for varints.</summary>
    public static int ElementWireSize(int field) => field switch
    {
        FloatData => 4,
        DoubleData => 8,
        _ => 0,
    };
}
