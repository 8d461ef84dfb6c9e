using System.Buffers.Binary;
using System.Text;

namespace CnnMem.Tests.Onnx;

/// <summary>Writes protobuf wire format by hand, field by field, so tests can make bytes that OnnxSharp would never write (unknown fields, unpacked lists, bad lengths).</summary>
internal sealed class ProtoBytes
{
    private readonly List<byte> _bytes = [];

    public ProtoBytes Varint(int field, long value) => Tag(field, 0).Raw(unchecked((ulong)value));

    public ProtoBytes Fixed32(int field, float value)
    {
        Tag(field, 5);
        var b = new byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(b, value);
        _bytes.AddRange(b);
        return this;
    }

    public ProtoBytes Fixed64(int field, long value)
    {
        Tag(field, 1);
        var b = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(b, value);
        _bytes.AddRange(b);
        return this;
    }

    public ProtoBytes Bytes(int field, byte[] value)
    {
        Tag(field, 2).Raw((ulong)value.Length);
        _bytes.AddRange(value);
        return this;
    }

    public ProtoBytes String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoBytes Message(int field, ProtoBytes message) => Bytes(field, message.ToArray());

    /// <summary>A packed run of varints.</summary>
    public ProtoBytes Packed(int field, params long[] values)
    {
        var run = new ProtoBytes();
        foreach (var v in values)
        {
            run.Raw(unchecked((ulong)v));
        }
        return Bytes(field, run.ToArray());
    }

    /// <summary>The same values, one tag each.</summary>
    public ProtoBytes Unpacked(int field, params long[] values)
    {
        foreach (var v in values)
        {
            Varint(field, v);
        }
        return this;
    }

    /// <summary>Bytes as they are (a tag or varint made by hand).</summary>
    public ProtoBytes Append(params byte[] raw)
    {
        _bytes.AddRange(raw);
        return this;
    }

    public ProtoBytes Tag(int field, int wireType) => Raw((ulong)((field << 3) | wireType));

    public byte[] ToArray() => _bytes.ToArray();

    private ProtoBytes Raw(ulong value)
    {
        while (value >= 0x80)
        {
            _bytes.Add(unchecked((byte)(value | 0x80)));
            value >>= 7;
        }
        _bytes.Add((byte)value);
        return this;
    }
}
