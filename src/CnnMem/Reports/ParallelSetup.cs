namespace CnnMem.Reports;

/// <summary>
/// The settings and structure behind the per-device figures; fields that do not apply to the strategy are null.
/// <see cref="Precision"/>: <c>fp32</c> (or the model dtype), <c>autocast</c> (DDP: fp32 weights, half activations),
/// <c>autocast_half_gather</c> (FSDP2 MixedPrecisionPolicy: fp32 shards, half all-gathers), <c>half_fp32_master</c>
/// (DeepSpeed fp16/bf16 mode: half weights and gradients, fp32 master weights in the optimizer state).
/// </summary>
public sealed record ParallelSetup
{
    /// <summary>The precision mode (see the type's summary for its values).</summary>
    public required string Precision { get; init; }

    /// <summary>DDP: <c>gradient_as_bucket_view</c> (gradients are views into the buckets, no second copy).</summary>
    public bool? GradientAsBucketView { get; init; }

    /// <summary>DeepSpeed ZeRO: <c>reduce_bucket_size</c> in elements.</summary>
    public long? ReduceBucketElements { get; init; }

    /// <summary>DeepSpeed ZeRO: <c>overlap_comm</c> (communication overlapped with the backward pass, with its own buffers).</summary>
    public bool? OverlapComm { get; init; }

    /// <summary>ZeRO-3: <c>stage3_param_persistence_threshold</c> in elements.</summary>
    public long? PersistenceThresholdElements { get; init; }

    /// <summary>ZeRO-3: parameters at or below the persistence threshold, kept whole on every device.</summary>
    public int? PersistentParams { get; init; }

    /// <summary>FSDP: the depth of the node-name paths whose modules are the sharding units (1 = each top-level child).</summary>
    public int? FsdpUnitDepth { get; init; }

    /// <summary>FSDP: whether each unit's gathered weights are freed after its forward (else kept to its backward).</summary>
    public bool? ReshardAfterForward { get; init; }

    /// <summary>ZeRO-3 modules or FSDP units that own parameters (FSDP: the root not counted).</summary>
    public int? Units { get; init; }

    /// <summary>The name of the unit with the largest gathered weights.</summary>
    public string? LargestUnit { get; init; }

    /// <summary>The largest unit's gathered (unsharded) weights.</summary>
    public long? LargestUnitBytes { get; init; }

    /// <summary>FSDP: weights of the root unit (parameters in no unit), gathered for the whole step.</summary>
    public long? RootParamBytes { get; init; }
}
