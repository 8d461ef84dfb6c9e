namespace CnnMem.Core;

/// <summary>Element types a tensor can hold. Names follow ONNX where one exists.</summary>
public enum DType
{
    Float32,
    Float16,
    BFloat16,
    Float64,
    Int8,
    UInt8,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Bool,
    Complex64,
    Complex128,
    String,
}
