namespace CnnMem.Memory.Parallel;

/// <summary>
/// The constants the per-device model follows, named once with where each comes from (read in the sources, not measured):
/// - DeepSpeed <c>deepspeed/runtime/zero/config.py</c>: <c>reduce_bucket_size</c> and <c>allgather_bucket_size</c> 5e8
///   elements, <c>stage3_prefetch_bucket_size</c> 5e7, <c>stage3_param_persistence_threshold</c> 1e5, and
///   <c>overlap_comm</c> whose default is dynamic (<c>overlap_comm_valid</c>: true for stage 3 only);
/// - DeepSpeed <c>stage_1_and_2.py</c>: <c>nccl_start_alignment_factor = 2</c>, the flat partition padded to a multiple of
///   2 x world size elements;
/// - PyTorch DDP: <c>bucket_cap_mb = 25</c> and a first bucket of 1 MiB (<c>dist._DEFAULT_FIRST_BUCKET_BYTES</c>); they set
///   the buckets' granularity only: together the buckets hold every gradient once;
/// - NCCL: see <see cref="NcclBytes"/>.
/// </summary>
internal static class ParallelDefaults
{
    public const long ReduceBucketElements = 500_000_000;

    public const long AllgatherBucketElements = 500_000_000;

    public const long Stage3PrefetchBucketElements = 50_000_000;

    public const long Stage3PersistenceThreshold = 100_000;

    /// <summary>DeepSpeed stage 1/2: 4-byte NCCL alignment over 2-byte elements; the flat group pads to this x world size.</summary>
    public const long NcclStartAlignmentFactor = 2;

    /// <summary>
    /// DeepSpeed 0.18.2 and later (PR #7651, <c>stage3.py</c> <c>_create_fp32_partitions</c>): when the model's
    /// partitioned weights are already in the master dtype (fp32 training, or torch autocast over fp32 weights), stage 3
    /// uses them as the fp32 partition instead of cloning them; before 0.18.2 every mode cloned them
    /// (<c>.to(self.device).clone().float().detach()</c>). Stages 1 and 2 still clone in every mode
    /// (<c>stage_1_and_2.py</c>: <c>weights_partition = ....detach().clone()</c>, appended to
    /// <c>single_partition_of_fp32_groups</c>). Set to false to model DeepSpeed 0.18.1 or older.
    /// </summary>
    public const bool Stage3AliasesFp32Master = true;

    public const long DdpBucketCapBytes = 25L << 20;

    public const long DdpFirstBucketBytes = 1L << 20;

    /// <summary>
    /// NCCL's own device buffers per device when more than one rank takes part (outside PyTorch's caching allocator, so
    /// <c>torch.cuda.memory_reserved()</c> never shows them): NCCL_BUFFSIZE (4 MiB by default, NCCL's environment
    /// variable documentation) for each of the Simple and LL128 protocols, to each of the 2 ring neighbours, over 16
    /// channels: 16 x 2 x 2 x 4 MiB = 256 MiB. The real figure depends on the NCCL version, the topology (channels) and
    /// the algorithms NCCL picks; measure it as nvidia-smi's figure minus <c>memory_reserved()</c> and the CUDA context,
    /// and pass it with <c>--nccl-buffers</c>. A single rank connects to no peer, so one device gets 0.
    /// </summary>
    public const long NcclBytes = 16L * 2 * 2 * (4L << 20);
}
