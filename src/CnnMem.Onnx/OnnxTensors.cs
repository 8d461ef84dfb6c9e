using System.Buffers.Binary;
using CnnMem.Core;
using static CnnMem.Onnx.OnnxTensorFields;

namespace CnnMem.Onnx;

/// <summary>
/// Converts a <c>TensorProto</c> (initializer or tensor attribute), read by <see cref="OnnxTensorFields"/>, to a <see cref="TensorInfo"/>.
/// 1. Dims and data type; a negative dim or an unknown type is an error naming the tensor.
/// 2. External data is never read: the file may be absent (weightless models) or huge.
/// 3. Inline data must hold exactly as many elements as the dims say (a truncated tensor is an error).
/// 4. Small tensors (at most <c>MaxValueElements</c>) get their values, for value inference.
/// </summary>
internal static class OnnxTensors
{
    private const int External = 1;

    public static TensorInfo Convert(OnnxImportContext context, OnnxTensorFields t, string name, TensorSite site)
    {
        // The message naming the tensor is formatted only when the type is bad.
        var dtype = OnnxDTypes.TryFrom(t.ElemType, out var known) ? known : OnnxDTypes.From(t.ElemType, site.Describe());
        long elements = 1;
        for (var i = 0; i < t.DimValues.Count; i++)
        {
            var d = t.DimValues[i];
            if (d < 0)
            {
                throw new CnnMemException($"{site.Describe()} dim {i} is {d}; dims must not be negative");
            }
            elements = checked(elements * d);
        }
        var shape = context.Shapes.Get(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(t.DimValues));
        if (t.Location == External)
        {
            return new TensorInfo(name, dtype, shape);
        }
        var count = InlineCount(t, dtype, site);
        if (count is null)
        {
            // No data at all: a stripped model; shapes are all cnnmem needs.
            return new TensorInfo(name, dtype, shape);
        }
        if (count != elements)
        {
            throw new CnnMemException($"{site.Describe()} has shape {shape} ({elements} elements) but its data holds {count}");
        }
        var value = elements <= context.Options.MaxValueElements ? ReadValue(context, t, dtype, shape, (int)elements) : null;
        return new TensorInfo(name, dtype, shape, value);
    }

    /// <summary>How many elements the inline data holds, or null when there is none.</summary>
    private static long? InlineCount(OnnxTensorFields t, DType dtype, TensorSite site)
    {
        if (t.Raw.Length > 0)
        {
            if (dtype == DType.String)
            {
                throw new CnnMemException($"{site.Describe()} is a string tensor stored as raw bytes, which ONNX does not allow");
            }
            var size = DTypes.SizeOf(dtype);
            if (t.Raw.Length % size != 0)
            {
                throw new CnnMemException($"{site.Describe()} has {t.Raw.Length} bytes of raw data, not a multiple of its element size {size}");
            }
            return t.Raw.Length / size;
        }
        long typed = dtype switch
        {
            DType.Float32 => t.Counts[FloatData],
            DType.Complex64 => t.Counts[FloatData] / 2,
            DType.Float64 => t.Counts[DoubleData],
            DType.Complex128 => t.Counts[DoubleData] / 2,
            DType.Int64 => t.Counts[Int64Data],
            DType.UInt32 or DType.UInt64 => t.Counts[Uint64Data],
            DType.String => t.Counts[StringData],
            _ => t.Counts[Int32Data],
        };
        return typed == 0 ? null : typed;
    }

    /// <summary>The typed data field that holds a dtype's values.</summary>
    private static int TypedField(DType dtype) => dtype switch
    {
        DType.Float32 => FloatData,
        DType.Float64 => DoubleData,
        DType.Int64 => Int64Data,
        DType.UInt32 or DType.UInt64 => Uint64Data,
        _ => Int32Data,
    };

    private static TensorValue? ReadValue(OnnxImportContext context, OnnxTensorFields t, DType dtype, Shape shape, int n)
    {
        if (dtype is DType.String or DType.Complex64 or DType.Complex128)
        {
            return null;
        }
        var raw = context.Data.AsSpan(t.Raw.Start, t.Raw.Length);
        var field = TypedField(dtype);
        if (DTypes.IsFloat(dtype))
        {
            var reals = new double[n];
            if (!raw.IsEmpty)
            {
                for (var i = 0; i < n; i++)
                {
                    reals[i] = RawReal(raw, dtype, i);
                }
            }
            else if (field == Int32Data)
            {
                // float16 and bfloat16 are stored as their bit patterns in int32_data.
                var bits = new long[n];
                ReadTypedInts(context, t, field, bits);
                for (var i = 0; i < n; i++)
                {
                    reals[i] = dtype == DType.Float16
                        ? (double)BitConverter.UInt16BitsToHalf(unchecked((ushort)bits[i]))
                        : BitConverter.Int32BitsToSingle(unchecked((int)bits[i] << 16));
                }
            }
            else
            {
                ReadTypedReals(context, t, field, reals);
            }
            return TensorValue.FromReals(dtype, shape, reals);
        }
        var ints = new long[n];
        if (raw.IsEmpty)
        {
            ReadTypedInts(context, t, field, ints);
        }
        for (var i = 0; i < n; i++)
        {
            ints[i] = raw.IsEmpty ? TypedInt(dtype, ints[i]) : RawInt(raw, dtype, i);
        }
        return TensorValue.FromInts(dtype, shape, ints);
    }

    /// <summary>float_data or double_data, packed or not, into <paramref name="into"/> (which holds exactly their count).</summary>
    private static void ReadTypedReals(OnnxImportContext context, OnnxTensorFields t, int field, double[] into)
    {
        var single = ProtoReader.Tag(field, field == FloatData ? ProtoReader.Fixed32 : ProtoReader.Fixed64);
        var packed = ProtoReader.Tag(field, ProtoReader.LengthDelimited);
        var r = context.Reader(t.Message);
        var k = 0;
        while (!r.AtEnd)
        {
            var tag = r.ReadTag();
            if (tag == single)
            {
                into[k++] = field == FloatData ? r.ReadFloat() : r.ReadDouble();
            }
            else if (tag == packed)
            {
                var run = r.ReadMessage();
                while (!run.AtEnd)
                {
                    into[k++] = field == FloatData ? run.ReadFloat() : run.ReadDouble();
                }
            }
            else
            {
                r.Skip(tag);
            }
        }
    }

    /// <summary>
    /// int32_data, int64_data or uint64_data, packed or not, into <paramref name="into"/> (which holds exactly
    /// their count): int32 values sign-extended, uint64 values keeping their bits.
    /// </summary>
    private static void ReadTypedInts(OnnxImportContext context, OnnxTensorFields t, int field, long[] into)
    {
        var single = ProtoReader.Tag(field, ProtoReader.Varint);
        var packed = ProtoReader.Tag(field, ProtoReader.LengthDelimited);
        var r = context.Reader(t.Message);
        var k = 0;
        while (!r.AtEnd)
        {
            var tag = r.ReadTag();
            if (tag == single)
            {
                into[k++] = field == Int32Data ? r.ReadInt32() : r.ReadInt64();
            }
            else if (tag == packed)
            {
                var run = r.ReadMessage();
                while (!run.AtEnd)
                {
                    into[k++] = field == Int32Data ? run.ReadInt32() : run.ReadInt64();
                }
            }
            else
            {
                r.Skip(tag);
            }
        }
    }

    /// <summary>An integer from typed data; unsigned types keep their bits (uint64 above long.MaxValue cannot be a size).</summary>
    private static long TypedInt(DType dtype, long stored) => dtype switch
    {
        DType.UInt8 => stored & 0xFF,
        DType.UInt16 => stored & 0xFFFF,
        DType.Bool => stored != 0 ? 1 : 0,
        _ => stored,
    };

    private static double RawReal(ReadOnlySpan<byte> raw, DType dtype, int i) => dtype switch
    {
        DType.Float32 => BinaryPrimitives.ReadSingleLittleEndian(raw[(i * 4)..]),
        DType.Float64 => BinaryPrimitives.ReadDoubleLittleEndian(raw[(i * 8)..]),
        DType.Float16 => (double)BinaryPrimitives.ReadHalfLittleEndian(raw[(i * 2)..]),
        _ => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(raw[(i * 2)..]) << 16),
    };

    private static long RawInt(ReadOnlySpan<byte> raw, DType dtype, int i) => dtype switch
    {
        DType.Int8 => unchecked((sbyte)raw[i]),
        DType.UInt8 => raw[i],
        DType.Bool => raw[i] != 0 ? 1 : 0,
        DType.Int16 => BinaryPrimitives.ReadInt16LittleEndian(raw[(i * 2)..]),
        DType.UInt16 => BinaryPrimitives.ReadUInt16LittleEndian(raw[(i * 2)..]),
        DType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(raw[(i * 4)..]),
        DType.UInt32 => BinaryPrimitives.ReadUInt32LittleEndian(raw[(i * 4)..]),
        DType.Int64 => BinaryPrimitives.ReadInt64LittleEndian(raw[(i * 8)..]),
        _ => unchecked((long)BinaryPrimitives.ReadUInt64LittleEndian(raw[(i * 8)..])),
    };
}
