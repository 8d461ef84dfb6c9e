namespace CnnMem.Ops.Elementwise;

/// <summary>What PyTorch autograd keeps for the backward of a unary element-wise op (derivatives.yaml).</summary>
internal enum BackwardKeeps
{
    /// <summary>Nothing: the gradient does not depend on the values (neg, floor), or there is none (comparisons).</summary>
    Nothing,

    /// <summary>The input (<c>self</c>): GELU, SiLU, LeakyReLU, ELU, log, sin, ...</summary>
    Input,

    /// <summary>The output (<c>result</c>): ReLU, sigmoid, tanh, exp, sqrt, softmax.</summary>
    Output,

    /// <summary>Input and output (pow).</summary>
    InputAndOutput,

    /// <summary>Softsign is composite (x / (1 + |x|)): abs keeps x, div keeps x and the new denominator.</summary>
    InputAndDenominator,
}
