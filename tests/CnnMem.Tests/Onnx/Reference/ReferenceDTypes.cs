using CnnMem.Onnx;
using Onnx;

namespace CnnMem.Tests.Onnx.Reference;

/// <summary>ONNX <c>TensorProto.DataType</c> codes to <see cref="DType"/>.</summary>
internal static class ReferenceDTypes
{
    /// <summary>The dtype for an ONNX element type code; <paramref name="what"/> names the tensor for the error.</summary>
    public static DType From(int code, string what) => (TensorProto.Types.DataType)code switch
    {
        TensorProto.Types.DataType.Float => DType.Float32,
        TensorProto.Types.DataType.Float16 => DType.Float16,
        TensorProto.Types.DataType.Bfloat16 => DType.BFloat16,
        TensorProto.Types.DataType.Double => DType.Float64,
        TensorProto.Types.DataType.Int8 => DType.Int8,
        TensorProto.Types.DataType.Uint8 => DType.UInt8,
        TensorProto.Types.DataType.Int16 => DType.Int16,
        TensorProto.Types.DataType.Uint16 => DType.UInt16,
        TensorProto.Types.DataType.Int32 => DType.Int32,
        TensorProto.Types.DataType.Uint32 => DType.UInt32,
        TensorProto.Types.DataType.Int64 => DType.Int64,
        TensorProto.Types.DataType.Uint64 => DType.UInt64,
        TensorProto.Types.DataType.Bool => DType.Bool,
        TensorProto.Types.DataType.Complex64 => DType.Complex64,
        TensorProto.Types.DataType.Complex128 => DType.Complex128,
        TensorProto.Types.DataType.String => DType.String,
        TensorProto.Types.DataType.Undefined => throw new CnnMemException($"{what} has no element type (data_type 0, UNDEFINED)"),
        TensorProto.Types.DataType.Float8E4M3Fn or TensorProto.Types.DataType.Float8E4M3Fnuz
            or TensorProto.Types.DataType.Float8E5M2 or TensorProto.Types.DataType.Float8E5M2Fnuz
            or TensorProto.Types.DataType.Int4 or TensorProto.Types.DataType.Uint4 or TensorProto.Types.DataType.Float4E2M1 =>
            throw new CnnMemException($"{what} has element type {(TensorProto.Types.DataType)code}, which cnnmem does not support (8-bit floats and 4-bit types)"),
        _ => throw new CnnMemException($"{what} has element type code {code}, which is not an ONNX data type"),
    };
}
