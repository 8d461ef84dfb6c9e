namespace CnnMem.Memory.Trace;

/// <summary>
/// One allocation or free of a memory trace: the tensor's id, its requested bytes and the step (op) that does it.
/// An optional allocation (a cuDNN workspace) may be refused: the library then picks an algorithm that needs less.
/// Packed in 16 bytes (the step shares an int with the op and the optional flag): a large network's training step
/// is millions of events.
/// </summary>
internal readonly record struct TraceEvent
{
    private const int OpBit = 1 << 30;
    private const int OptionalBit = 1 << 29;
    private const int StepMask = OptionalBit - 1;

    private readonly long bytes;
    private readonly int id;
    private readonly int stepAndFlags;

    public TraceEvent(TraceOp op, int id, long bytes, int step, bool optional = false)
    {
        if (step < 0 || step > StepMask)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, $"a trace step must be between 0 and {StepMask}");
        }
        this.bytes = bytes;
        this.id = id;
        stepAndFlags = step | (op == TraceOp.Free ? OpBit : 0) | (optional ? OptionalBit : 0);
    }

    public TraceOp Op => (stepAndFlags & OpBit) != 0 ? TraceOp.Free : TraceOp.Alloc;

    public int Id => id;

    public long Bytes => bytes;

    public int Step => stepAndFlags & StepMask;

    public bool Optional => (stepAndFlags & OptionalBit) != 0;
}
