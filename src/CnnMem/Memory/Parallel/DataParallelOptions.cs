using CnnMem.Memory.Parallel;

namespace CnnMem;

/// <summary>
/// Multi-device training setup (<c>--gpus</c>, <c>--parallel</c>, <c>--grad-accum</c> and the strategy's own options).
/// The analysis batch is the per-device micro-batch.
/// </summary>
public sealed record DataParallelOptions
{
    /// <summary>The number of devices (<c>--gpus</c>); 1 by default.</summary>
    public int Gpus { get; init; } = 1;

    /// <summary>How the training is spread over the devices (<c>--parallel</c>); DDP by default.</summary>
    public ParallelStrategy Strategy { get; init; } = ParallelStrategy.Ddp;

    /// <summary>Micro-batches accumulated before each optimizer step (the global batch grows, the memory does not).</summary>
    public int GradAccum { get; init; } = 1;

    /// <summary>DDP <c>gradient_as_bucket_view=True</c>: gradients are views into the buckets, no second copy.</summary>
    public bool GradientAsBucketView { get; init; }

    /// <summary>FSDP: sharding units are the modules at this depth of the node-name paths (1 = each top-level child).</summary>
    public int FsdpUnitDepth { get; init; } = 1;

    /// <summary>FSDP: free each unit's gathered weights after its forward (true, the default) or keep them to its backward.</summary>
    public bool ReshardAfterForward { get; init; } = true;

    /// <summary>DeepSpeed <c>reduce_bucket_size</c> in elements.</summary>
    public long ReduceBucketElements { get; init; } = ParallelDefaults.ReduceBucketElements;

    /// <summary>NCCL's buffers per device, outside the caching allocator; null = 256 MiB (2^28 bytes, NCCL's default buffers as cnnmem counts them) when more than one device, else 0.</summary>
    public long? NcclBytes { get; init; }

    /// <summary>NCCL's buffers per device as the model counts them: <see cref="NcclBytes"/> when set, else the default when more than one device, else 0.</summary>
    public long EffectiveNcclBytes => NcclBytes ?? (Gpus > 1 ? ParallelDefaults.NcclBytes : 0);
}
