namespace CnnMem.Memory.Models;

/// <summary>A tensor whose gradient a node's backward produces (an activation input or a trainable parameter), with its size.</summary>
internal sealed record GradTarget(string Tensor, long Bytes);
