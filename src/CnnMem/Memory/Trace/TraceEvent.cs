namespace CnnMem.Memory.Trace;

/// <summary>
/// One allocation or free of a memory trace: the tensor's id, its requested bytes and the step (op) that does it.
/// An optional allocation (a cuDNN workspace) may be refused: the library then picks an algorithm that needs less.
/// </summary>
public readonly record struct TraceEvent(TraceOp Op, int Id, long Bytes, int Step, bool Optional = false);
