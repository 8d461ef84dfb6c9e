namespace CnnMem;

/// <summary>Element types a tensor can hold. Names follow ONNX where one exists.</summary>
public enum DType
{
    /// <summary>32-bit IEEE float (4 bytes).</summary>
    Float32,
    /// <summary>16-bit IEEE half float (2 bytes).</summary>
    Float16,
    /// <summary>bfloat16: 8 exponent bits, 7 mantissa bits (2 bytes).</summary>
    BFloat16,
    /// <summary>64-bit IEEE double (8 bytes).</summary>
    Float64,
    /// <summary>Signed 8-bit integer.</summary>
    Int8,
    /// <summary>Unsigned 8-bit integer.</summary>
    UInt8,
    /// <summary>Signed 16-bit integer.</summary>
    Int16,
    /// <summary>Unsigned 16-bit integer.</summary>
    UInt16,
    /// <summary>Signed 32-bit integer.</summary>
    Int32,
    /// <summary>Unsigned 32-bit integer.</summary>
    UInt32,
    /// <summary>Signed 64-bit integer (indices, shapes).</summary>
    Int64,
    /// <summary>Unsigned 64-bit integer.</summary>
    UInt64,
    /// <summary>Boolean (1 byte per element).</summary>
    Bool,
    /// <summary>Complex number of two 32-bit floats (8 bytes).</summary>
    Complex64,
    /// <summary>Complex number of two 64-bit floats (16 bytes).</summary>
    Complex128,
    /// <summary>Variable-length string (counted as a pointer, 8 bytes).</summary>
    String,
}
