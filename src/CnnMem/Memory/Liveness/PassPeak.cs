namespace CnnMem.Memory.Liveness;

/// <summary>A simulated pass: its peak level (bytes above the pass's baseline), the node where it occurs, and the level when it ends.</summary>
internal sealed record PassPeak(long Peak, string AtNode, long End);
