using System.Buffers.Binary;
using CnnMem.Core;
using Onnx;

namespace CnnMem.Tests.Onnx.Reference;

/// <summary>
/// Converts a <c>TensorProto</c> (initializer or tensor attribute) to a <see cref="TensorInfo"/>.
/// 1. Dims and data type; a negative dim or an unknown type is an error naming the tensor.
/// 2. External data is never read: the file may be absent (weightless models) or huge.
/// 3. Inline data must hold exactly as many elements as the dims say (a truncated tensor is an error).
/// 4. Small tensors (at most <c>maxValueElements</c>) get their values, for value inference.
/// </summary>
internal static class ReferenceTensors
{
    public static TensorInfo Convert(TensorProto t, string name, string what, int maxValueElements)
    {
        var dtype = ReferenceDTypes.From(t.DataType, what);
        var dims = new Dim[t.Dims.Count];
        long elements = 1;
        for (var i = 0; i < dims.Length; i++)
        {
            var d = t.Dims[i];
            if (d < 0)
            {
                throw new CnnMemException($"{what} dim {i} is {d}; dims must not be negative");
            }
            dims[i] = Dim.Of(d);
            elements = checked(elements * d);
        }
        var shape = new Shape(dims);
        if (t.DataLocation == TensorProto.Types.DataLocation.External)
        {
            return new TensorInfo(name, dtype, shape);
        }
        var count = InlineCount(t, dtype, what);
        if (count is null)
        {
            // No data at all: a stripped model; shapes are all cnnmem needs.
            return new TensorInfo(name, dtype, shape);
        }
        if (count != elements)
        {
            throw new CnnMemException($"{what} has shape {shape} ({elements} elements) but its data holds {count}");
        }
        var value = elements <= maxValueElements ? ReadValue(t, dtype, shape, (int)elements) : null;
        return new TensorInfo(name, dtype, shape, value);
    }

    /// <summary>How many elements the inline data holds, or null when there is none.</summary>
    private static long? InlineCount(TensorProto t, DType dtype, string what)
    {
        if (!t.RawData.IsEmpty)
        {
            if (dtype == DType.String)
            {
                throw new CnnMemException($"{what} is a string tensor stored as raw bytes, which ONNX does not allow");
            }
            var size = DTypes.SizeOf(dtype);
            if (t.RawData.Length % size != 0)
            {
                throw new CnnMemException($"{what} has {t.RawData.Length} bytes of raw data, not a multiple of its element size {size}");
            }
            return t.RawData.Length / size;
        }
        long typed = dtype switch
        {
            DType.Float32 => t.FloatData.Count,
            DType.Complex64 => t.FloatData.Count / 2,
            DType.Float64 => t.DoubleData.Count,
            DType.Complex128 => t.DoubleData.Count / 2,
            DType.Int64 => t.Int64Data.Count,
            DType.UInt32 or DType.UInt64 => t.Uint64Data.Count,
            DType.String => t.StringData.Count,
            _ => t.Int32Data.Count,
        };
        return typed == 0 ? null : typed;
    }

    private static TensorValue? ReadValue(TensorProto t, DType dtype, Shape shape, int n)
    {
        if (dtype is DType.String or DType.Complex64 or DType.Complex128)
        {
            return null;
        }
        if (DTypes.IsFloat(dtype))
        {
            var reals = new double[n];
            for (var i = 0; i < n; i++)
            {
                reals[i] = t.RawData.IsEmpty ? TypedReal(t, dtype, i) : RawReal(t.RawData.Span, dtype, i);
            }
            return TensorValue.FromReals(dtype, shape, reals);
        }
        var ints = new long[n];
        for (var i = 0; i < n; i++)
        {
            ints[i] = t.RawData.IsEmpty ? TypedInt(t, dtype, i) : RawInt(t.RawData.Span, dtype, i);
        }
        return TensorValue.FromInts(dtype, shape, ints);
    }

    private static double TypedReal(TensorProto t, DType dtype, int i) => dtype switch
    {
        DType.Float32 => t.FloatData[i],
        DType.Float64 => t.DoubleData[i],
        // float16 and bfloat16 are stored as their bit patterns in int32_data.
        DType.Float16 => (double)BitConverter.UInt16BitsToHalf(unchecked((ushort)t.Int32Data[i])),
        _ => BitConverter.Int32BitsToSingle(unchecked(t.Int32Data[i] << 16)),
    };

    private static double RawReal(ReadOnlySpan<byte> raw, DType dtype, int i) => dtype switch
    {
        DType.Float32 => BinaryPrimitives.ReadSingleLittleEndian(raw[(i * 4)..]),
        DType.Float64 => BinaryPrimitives.ReadDoubleLittleEndian(raw[(i * 8)..]),
        DType.Float16 => (double)BinaryPrimitives.ReadHalfLittleEndian(raw[(i * 2)..]),
        _ => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(raw[(i * 2)..]) << 16),
    };

    private static long TypedInt(TensorProto t, DType dtype, int i) => dtype switch
    {
        DType.Int64 => t.Int64Data[i],
        // uint64 values above long.MaxValue cannot be a size; keep their bits so nothing throws here.
        DType.UInt32 or DType.UInt64 => unchecked((long)t.Uint64Data[i]),
        DType.UInt8 => t.Int32Data[i] & 0xFF,
        DType.UInt16 => t.Int32Data[i] & 0xFFFF,
        DType.Bool => t.Int32Data[i] != 0 ? 1 : 0,
        _ => t.Int32Data[i],
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
