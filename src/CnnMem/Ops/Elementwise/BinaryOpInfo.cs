namespace CnnMem.Ops.Elementwise;

/// <summary>
/// One row of a binary (or variadic) element-wise table: the op, the input types it accepts, what
/// PyTorch's backward keeps (<see cref="BackwardKeeps.Input"/> means every operand), a rough flop
/// count per output element, and how to combine two known values (folded left over more inputs).
/// </summary>
internal sealed record BinaryOpInfo(
    string Op,
    InputKind Accepts,
    BackwardKeeps Keeps,
    long FlopsPerElement,
    Func<long, long, long>? Ints,
    Func<double, double, double>? Reals)
{
    /// <summary>When the kept operands are really kept (mul keeps each operand for the other's gradient).</summary>
    public SaveCondition Condition { get; init; } = SaveCondition.Always;

    /// <summary>How autocast runs the op (pow is on the float32 list).</summary>
    public AutocastClass Autocast { get; init; } = AutocastClass.Promote;
}
