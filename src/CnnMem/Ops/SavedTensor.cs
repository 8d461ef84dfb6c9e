namespace CnnMem.Ops;

/// <summary>
/// One tensor the framework keeps from the forward pass for this op's backward (PyTorch autograd's
/// SavedVariable). For <see cref="SavedSource.Extra"/>, <see cref="Shape"/> and <see cref="DType"/>
/// describe the new tensor; for inputs and outputs they are taken from the graph.
/// </summary>
internal sealed record SavedTensor(SavedSource Source, int Index, string What, Shape? Shape = null, DType? DType = null)
{
    /// <summary>A random mask (dropout): float on PyTorch's CPU kernels, a 1-byte bool on CUDA's native dropout.</summary>
    public bool IsMask { get; init; }

    /// <summary>When the framework really keeps this tensor (products keep an operand only for the other's gradient).</summary>
    public SaveCondition Condition { get; init; } = SaveCondition.Always;

    public static SavedTensor In(int index, string what) => new(SavedSource.Input, index, what);

    public static SavedTensor Out(int index, string what) => new(SavedSource.Output, index, what);

    public static SavedTensor Extra(string what, Shape shape, DType dtype) => new(SavedSource.Extra, -1, what, shape, dtype);
}
