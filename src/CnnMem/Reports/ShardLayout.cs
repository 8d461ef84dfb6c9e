namespace CnnMem.Reports;

/// <summary>How a strategy cuts what it shards into one part per device, and so where it pads.</summary>
public enum ShardLayout
{
    /// <summary>DeepSpeed ZeRO-1/2: the trainable weights flattened into one buffer padded to a multiple of 2 x devices, then partitioned.</summary>
    FlatPartition,

    /// <summary>DeepSpeed ZeRO-3: each parameter padded to a multiple of the devices and sliced.</summary>
    PerParameter,

    /// <summary>PyTorch FSDP2: each parameter sharded on dim 0, its dim 0 padded to a multiple of the devices.</summary>
    Dim0,
}
