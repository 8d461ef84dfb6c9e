namespace CnnMem.Ops.Elementwise;

/// <summary>
/// One row of the unary math table: the op, the input types it accepts, whether it yields bool, what
/// PyTorch's backward keeps, a rough flop count per element, and how to compute known values
/// (integer and real forms; null where there is none or it is not worth it).
/// </summary>
internal sealed record UnaryMathInfo(
    string Op,
    InputKind Accepts,
    bool BoolOutput,
    BackwardKeeps Keeps,
    long FlopsPerElement,
    Func<long, long>? Ints,
    Func<double, double>? Reals)
{
    /// <summary>How autocast runs the op (exp, log, sqrt, erf: float32).</summary>
    public AutocastClass Autocast { get; init; } = AutocastClass.Promote;
}
