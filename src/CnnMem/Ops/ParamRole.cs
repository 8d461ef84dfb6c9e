namespace CnnMem.Ops;

/// <summary>What a parameter tensor is for. Buffers are state that is not learned (running statistics).</summary>
internal enum ParamRole
{
    Weight,
    Bias,
    Scale,
    Shift,
    Buffer,
}
