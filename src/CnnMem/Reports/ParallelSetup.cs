namespace CnnMem.Reports;

/// <summary>
/// The settings and structure behind the per-device figures; fields that do not apply to the strategy are null.
/// </summary>
public sealed record ParallelSetup
{
    /// <summary>The precision mode: the model's dtype, or how autocast / DeepSpeed's fp16/bf16 mode splits it.</summary>
    public required ParallelPrecision Precision { get; init; }

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
