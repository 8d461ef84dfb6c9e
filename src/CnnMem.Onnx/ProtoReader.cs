using System.Buffers.Binary;
using System.Text;

namespace CnnMem.Onnx;

/// <summary>
/// Reads protobuf wire format from a byte array, one field at a time, without building message objects:
/// the ONNX importer takes the fields it needs and skips the rest (weights, doc strings, subgraphs).
/// A mutable struct: keep it in a local and pass it by <c>ref</c>. Positions are offsets in the whole
/// array, so an error names the byte where the data went wrong.
/// </summary>
internal struct ProtoReader
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int Fixed32 = 5;

    private readonly byte[] _data;
    private readonly int _end;
    private int _pos;

    /// <summary>A reader over <paramref name="data"/>[<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>).</summary>
    public ProtoReader(byte[] data, int start, int length)
    {
        _data = data;
        _pos = start;
        _end = start + length;
    }

    public ProtoReader(byte[] data, ProtoSlice slice)
        : this(data, slice.Start, slice.Length)
    {
    }

    public readonly bool AtEnd => _pos >= _end;

    public readonly int Position => _pos;

    /// <summary>The next field's tag (field number and wire type).</summary>
    public int ReadTag()
    {
        var tag = ReadVarint();
        if (tag > uint.MaxValue || (tag >> 3) == 0)
        {
            throw Malformed($"field number {tag >> 3}");
        }
        return unchecked((int)(uint)tag);
    }

    public static int FieldOf(int tag) => (int)((uint)tag >> 3);

    public static int WireTypeOf(int tag) => tag & 7;

    public static int Tag(int field, int wireType) => (field << 3) | wireType;

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (_pos >= _end)
            {
                throw Malformed("the data ends inside a field");
            }
            var b = _data[_pos++];
            value |= unchecked((ulong)(b & 0x7f) << shift);
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
        throw Malformed("a varint longer than 10 bytes");
    }

    /// <summary>An int64 (or enum, int32 sign-extended) field.</summary>
    public long ReadInt64() => unchecked((long)ReadVarint());

    /// <summary>An int32 field: protobuf writes negative values as 10-byte varints; the low 32 bits are the value.</summary>
    public int ReadInt32() => unchecked((int)ReadVarint());

    public float ReadFloat() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    /// <summary>A length-delimited field's bounds; the reader moves past it.</summary>
    public ProtoSlice ReadSlice()
    {
        var length = ReadVarint();
        if (length > (ulong)(_end - _pos))
        {
            throw Malformed($"a field of {length} bytes runs past the end of its message");
        }
        var slice = new ProtoSlice(_pos, (int)length);
        _pos += (int)length;
        return slice;
    }

    /// <summary>A length-delimited field as a reader of its own (a nested message).</summary>
    public ProtoReader ReadMessage() => new(_data, ReadSlice());

    /// <summary>A string field (invalid UTF-8 becomes U+FFFD, as protobuf's C# runtime does).</summary>
    public string ReadString()
    {
        var s = ReadSlice();
        return s.Length == 0 ? "" : Encoding.UTF8.GetString(_data, s.Start, s.Length);
    }

    /// <summary>A string field, shared with earlier equal strings (op types, attribute names).</summary>
    public string ReadString(StringPool pool) => pool.Get(Bytes(ReadSlice()));

    /// <summary>The bytes of a slice of this reader's array.</summary>
    public readonly ReadOnlySpan<byte> Bytes(ProtoSlice slice) => _data.AsSpan(slice.Start, slice.Length);

    /// <summary>Moves past the value of a field with the given tag.</summary>
    public void Skip(int tag)
    {
        switch (WireTypeOf(tag))
        {
            case Varint:
                ReadVarint();
                break;
            case Fixed64:
                Take(8);
                break;
            case LengthDelimited:
                ReadSlice();
                break;
            case Fixed32:
                Take(4);
                break;
            default:
                throw Malformed($"wire type {WireTypeOf(tag)} (groups are not used by ONNX)");
        }
    }

    /// <summary>
    /// Reads a repeated int64 field that may be packed (one length-delimited run) or not (one value per tag)
    /// and appends its values to <paramref name="into"/>.
    /// </summary>
    public void ReadInt64s(int tag, List<long> into)
    {
        if (WireTypeOf(tag) == LengthDelimited)
        {
            var run = ReadMessage();
            while (!run.AtEnd)
            {
                into.Add(run.ReadInt64());
            }
            return;
        }
        into.Add(ReadInt64());
    }

    /// <summary>How many values a packed run of varints holds (bytes without the continuation bit).</summary>
    public readonly int CountVarints(ProtoSlice run)
    {
        var bytes = Bytes(run);
        if (!bytes.IsEmpty && bytes[^1] >= 0x80)
        {
            throw Malformed("a packed run ends inside a varint");
        }
        var n = 0;
        foreach (var b in bytes)
        {
            n += b < 0x80 ? 1 : 0;
        }
        return n;
    }

    public readonly CnnMemException Malformed(string what) =>
        new($"not a valid ONNX model (protobuf: {what} at byte {_pos})");

    private ReadOnlySpan<byte> Take(int count)
    {
        if (_end - _pos < count)
        {
            throw Malformed("the data ends inside a field");
        }
        var span = _data.AsSpan(_pos, count);
        _pos += count;
        return span;
    }
}
