namespace CnnMem.Reports;

/// <summary>
/// The communication buffers of one device, in bytes: gradient buckets (DDP's bucket copy of the gradients, DeepSpeed's
/// reduce bucket), all-gathered weights in flight (ZeRO-3, FSDP), the unsharded gradients and reduce-scatter input of the
/// unit being reduced (ZeRO-3, FSDP), and NCCL's own buffers, which live outside the caching allocator.
/// </summary>
public sealed record ParallelCommunication
{
    /// <summary>Gradient buckets: DDP's bucket copy of the gradients, DeepSpeed's reduce buckets.</summary>
    public required long GradientBucketBytes { get; init; }

    /// <summary>Weights all-gathered and in flight (ZeRO-3, FSDP).</summary>
    public required long GatheredParamBytes { get; init; }

    /// <summary>The unsharded gradients and reduce-scatter input of the unit being reduced (ZeRO-3, FSDP).</summary>
    public required long ReduceScatterBytes { get; init; }

    /// <summary>NCCL's own buffers, outside the caching allocator.</summary>
    public required long NcclBytes { get; init; }
}
