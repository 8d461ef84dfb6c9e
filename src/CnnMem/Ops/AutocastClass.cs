namespace CnnMem.Ops;

/// <summary>
/// How PyTorch's autocast (CUDA) runs an op, from its op lists (autocast_mode.cpp): the lower-precision list
/// (convolutions, linear, matmul), the float32 list (softmax, log-softmax, norms, reductions, pow, exp, log, ...),
/// or neither, in which case the op runs in the widest type of its inputs.
/// </summary>
internal enum AutocastClass
{
    /// <summary>Not on either list: runs in its inputs' widest floating type (precision propagates through it).</summary>
    Promote,

    /// <summary>Runs in half precision (float16 or bfloat16); its float weights are cast once per forward and cached.</summary>
    LowerPrecision,

    /// <summary>Runs in float32 whatever its inputs.</summary>
    Float32,
}
