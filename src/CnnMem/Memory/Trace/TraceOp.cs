namespace CnnMem.Memory.Trace;

/// <summary>What one event of a memory trace does.</summary>
public enum TraceOp
{
    Alloc,
    Free,
}
