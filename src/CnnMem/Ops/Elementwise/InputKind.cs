namespace CnnMem.Ops.Elementwise;

/// <summary>Element types an element-wise op accepts (ONNX's type constraints, coarsely).</summary>
internal enum InputKind
{
    /// <summary>float16, bfloat16, float32, float64.</summary>
    Float,

    /// <summary>Floats and integers.</summary>
    Numeric,

    /// <summary>Integers only (bitwise ops).</summary>
    Integer,

    /// <summary>bool only (Not, And, Or, Xor).</summary>
    Bool,

    /// <summary>Anything (comparisons of equality accept bool and strings too).</summary>
    Any,
}
