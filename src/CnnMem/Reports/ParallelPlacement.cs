namespace CnnMem.Reports;

/// <summary>
/// What a data-parallel strategy places on each device: for weights, gradients and optimizer state whether they are
/// replicated or sharded, how the shards are cut, and which buffers the strategy adds (gradient buckets, gathered
/// weights). Each strategy model states it; the text summary words it. Not part of the JSON document.
/// </summary>
public sealed record ParallelPlacement
{
    /// <summary>Where the weights live.</summary>
    public required Placement Parameters { get; init; }

    /// <summary>Where the weight gradients live.</summary>
    public required Placement Gradients { get; init; }

    /// <summary>Where the optimizer state lives.</summary>
    public required Placement OptimizerState { get; init; }

    /// <summary>How the sharded parts are cut (and padded); null when nothing is sharded.</summary>
    public ShardLayout? Shards { get; init; }

    /// <summary>The sharded optimizer state includes an fp32 master copy of the device's weight partition.</summary>
    public bool Fp32MasterCopy { get; init; }

    /// <summary>DDP: the buckets hold every gradient once more, unless <c>gradient_as_bucket_view</c> makes the gradients views into them.</summary>
    public bool BucketsHoldGradients { get; init; }

    /// <summary>DeepSpeed: how many reduce buckets of <c>reduce_bucket_size</c> elements a device holds whatever the model's size (two with <c>overlap_comm</c>); 0 when the strategy has none.</summary>
    public int ReduceBuckets { get; init; }

    /// <summary>Which pieces of the model the strategy gathers whole to compute with them.</summary>
    public WeightGathering Gathering { get; init; }
}
