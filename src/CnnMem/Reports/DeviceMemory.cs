namespace CnnMem.Reports;

/// <summary>
/// What a CUDA device holds, each part separate, from the caching allocator's model (512-byte blocks, a small pool
/// of 2 MiB segments, 20 MiB segments for 1-10 MiB requests, larger ones rounded to 2 MiB, blocks split and reused):
/// memory outside the allocator (context, kernels, library handles), the cuDNN workspace limit, what the allocator
/// holds before a step (static tensors and the cuBLAS workspaces), the allocated peaks above that, the bytes the
/// allocator's blocks add to the requested ones, and what it reserves at its peak (<c>max_memory_reserved()</c>).
/// </summary>
public sealed record DeviceMemory
{
    /// <summary>Memory outside the allocator: the CUDA context, kernels and library handles.</summary>
    public required long ContextBytes { get; init; }

    /// <summary>The cuDNN workspace limit, bytes; 0: no limit (PyTorch sets none).</summary>
    public required long WorkspaceLimitBytes { get; init; }

    /// <summary>What the allocator holds before a training step (<c>memory_allocated()</c>): the library workspaces and the static tensors in whole blocks; inference's when there is no training model.</summary>
    public required long StaticBytes { get; init; }

    /// <summary>Inference's allocated peak above <see cref="InferenceStaticAllocatedBytes"/>, in the allocator's blocks.</summary>
    public required long InferencePeakRoundedBytes { get; init; }

    /// <summary>The bytes the allocator's blocks add to inference's requested activation peak.</summary>
    public required long InferenceRoundingBytes { get; init; }

    /// <summary>The training step's steady allocated peak above <see cref="StaticBytes"/>, in the allocator's blocks; 0 without a training model.</summary>
    public required long TrainingSteadyPeakRoundedBytes { get; init; }

    /// <summary>The bytes the allocator's blocks add to the training step's requested steady peak; 0 without a training model.</summary>
    public required long TrainingRoundingBytes { get; init; }

    /// <summary>cuBLAS workspaces and the libraries' other first-use allocations, part of <see cref="StaticBytes"/>.</summary>
    public long LibraryWorkspaceBytes { get; init; }

    /// <summary>What inference holds before its first op: weights, buffers and the input. No labels: <see cref="StaticBytes"/> is training's.</summary>
    public long InferenceStaticBytes { get; init; }

    /// <summary>What the allocator holds before the inference forward (<c>memory_allocated()</c>): the library workspaces and the static tensors in whole blocks. <see cref="StaticBytes"/> is training's.</summary>
    public long InferenceStaticAllocatedBytes { get; init; }

    /// <summary><c>max_memory_reserved()</c> during an inference forward (a long-running process holding this model).</summary>
    public long InferenceReservedPeakBytes { get; init; }

    /// <summary><c>max_memory_reserved()</c> during a training step (after warm-up, with both cuBLAS workspaces reserved).</summary>
    public long TrainingReservedPeakBytes { get; init; }

    /// <summary>
    /// Inference's reserved peak above its allocated peak: blocks and segments the allocator keeps cached, free at the peak.
    /// With the context, the library workspaces, the static tensors (<see cref="InferenceStaticAllocatedBytes"/> less the
    /// libraries') and the rounded peak it adds up to <see cref="InferenceTotalBytes"/>.
    /// </summary>
    public long InferenceCachedBytes => checked(InferenceReservedPeakBytes - InferenceStaticAllocatedBytes - InferencePeakRoundedBytes);

    /// <summary>The training step's reserved peak above its allocated peak (<see cref="StaticBytes"/> plus the rounded steady peak): cached blocks and segments; 0 without a training model.</summary>
    public long TrainingCachedBytes => TrainingReservedPeakBytes == 0 ? 0 : checked(TrainingReservedPeakBytes - StaticBytes - TrainingSteadyPeakRoundedBytes);

    /// <summary>The static tensors of inference in the allocator's blocks (weights, buffers, input, labels): <see cref="InferenceStaticAllocatedBytes"/> less the library workspaces.</summary>
    public long InferenceStaticTensorBytes => checked(InferenceStaticAllocatedBytes - LibraryWorkspaceBytes);

    /// <summary>The static tensors of training in the allocator's blocks (weights, buffers, input, labels): <see cref="StaticBytes"/> less the library workspaces.</summary>
    public long TrainingStaticTensorBytes => checked(StaticBytes - LibraryWorkspaceBytes);

    /// <summary>What the device needs for inference: memory outside the allocator plus what the allocator reserves.</summary>
    public long InferenceTotalBytes => checked(ContextBytes + InferenceReservedPeakBytes);

    /// <summary>What the device needs for a training step: memory outside the allocator plus what the allocator reserves.</summary>
    public long TrainingTotalBytes => checked(ContextBytes + TrainingReservedPeakBytes);
}
