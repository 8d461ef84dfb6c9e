namespace CnnMem.Reports;

/// <summary>
/// What a CUDA device holds, each part separate, from the caching allocator's model (512-byte blocks, a small pool
/// of 2 MiB segments, 20 MiB segments for 1-10 MiB requests, larger ones rounded to 2 MiB, blocks split and reused):
/// memory outside the allocator (context, kernels, library handles), the cuDNN workspace limit, what the allocator
/// holds before a step (static tensors and the cuBLAS workspaces), the allocated peaks above that, the bytes the
/// allocator's blocks add to the requested ones, and what it reserves at its peak (<c>max_memory_reserved()</c>).
/// </summary>
public sealed record DeviceMemory(
    long ContextBytes,
    long WorkspaceLimitBytes, // 0: no limit (PyTorch sets none)
    long StaticBytes,
    long InferencePeakRoundedBytes,
    long InferenceRoundingBytes,
    long TrainingSteadyPeakRoundedBytes,
    long TrainingRoundingBytes)
{
    /// <summary>cuBLAS workspaces and the libraries' other first-use allocations, part of <see cref="StaticBytes"/>.</summary>
    public long LibraryWorkspaceBytes { get; init; }

    /// <summary>What inference holds before its first op: weights, buffers and the input. No labels: <see cref="StaticBytes"/> is training's.</summary>
    public long InferenceStaticBytes { get; init; }

    /// <summary><c>max_memory_reserved()</c> during an inference forward (a long-running process holding this model).</summary>
    public long InferenceReservedPeakBytes { get; init; }

    /// <summary><c>max_memory_reserved()</c> during a training step (after warm-up, with both cuBLAS workspaces reserved).</summary>
    public long TrainingReservedPeakBytes { get; init; }

    /// <summary>What the device needs for inference: memory outside the allocator plus what the allocator reserves.</summary>
    public long InferenceTotalBytes => checked(ContextBytes + InferenceReservedPeakBytes);

    /// <summary>What the device needs for a training step: memory outside the allocator plus what the allocator reserves.</summary>
    public long TrainingTotalBytes => checked(ContextBytes + TrainingReservedPeakBytes);
}
