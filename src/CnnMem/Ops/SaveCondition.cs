namespace CnnMem.Ops;

/// <summary>
/// When autograd really keeps a saved operand (derivatives.yaml's formulas: <c>mul</c>'s
/// <c>self: grad * other</c> keeps <c>other</c> only when <c>self</c> needs a gradient).
/// </summary>
internal enum SaveCondition
{
    /// <summary>Always kept.</summary>
    Always,

    /// <summary>Kept only when the other operand of a binary op (input 1 - index) requires a gradient (mul, matmul, gemm).</summary>
    OtherOperandRequiresGrad,

    /// <summary>Kept only when input 1 (the denominator of a division) requires a gradient.</summary>
    DenominatorRequiresGrad,

    /// <summary>
    /// Kept only for the op's weight gradient: when one of its own parameters (or a parameter read as an input) requires a
    /// gradient. PyTorch's <c>addmm</c> keeps <c>mat1</c> (the layer input) only for <c>mat2</c>'s (the weight's) gradient,
    /// so a frozen Linear keeps nothing of its input (checked with saved-tensor hooks on PyTorch 1.13).
    /// </summary>
    WeightRequiresGrad,
}
