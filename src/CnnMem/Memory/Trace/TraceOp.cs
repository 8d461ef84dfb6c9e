namespace CnnMem.Memory.Trace;

/// <summary>What one event of a memory trace does.</summary>
internal enum TraceOp
{
    Alloc,
    Free,
}
