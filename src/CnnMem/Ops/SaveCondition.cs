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
}
