using CnnMem.Graphs;

namespace CnnMem.Ops.Rules.Onnx;

/// <summary>ONNX's TensorProto.DataType numbers (attributes 'to', 'dtype') mapped to cnnmem's <see cref="DType"/>.</summary>
internal static class OnnxDataTypes
{
    /// <summary>The DType for ONNX data type <paramref name="code"/>; float8/4-bit types have no DType and fail clearly.</summary>
    public static DType FromCode(long code) => code switch
    {
        1 => DType.Float32,
        2 => DType.UInt8,
        3 => DType.Int8,
        4 => DType.UInt16,
        5 => DType.Int16,
        6 => DType.Int32,
        7 => DType.Int64,
        8 => DType.String,
        9 => DType.Bool,
        10 => DType.Float16,
        11 => DType.Float64,
        12 => DType.UInt32,
        13 => DType.UInt64,
        14 => DType.Complex64,
        15 => DType.Complex128,
        16 => DType.BFloat16,
        >= 17 and <= 23 => throw new OpException($"ONNX data type {code} (a float8 or 4-bit type) is not supported; expected one of the standard types 1-16"),
        _ => throw new OpException($"ONNX data type {code} is not a known data type; expected 1-16"),
    };

    /// <summary>Attribute <paramref name="name"/> as a DType, or <paramref name="fallback"/> when absent.</summary>
    public static DType FromAttr(Attributes attrs, string name, DType fallback) =>
        attrs.IntOrNull(name) is { } code ? FromCode(code) : fallback;
}
