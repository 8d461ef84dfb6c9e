namespace CnnMem.Memory.Parallel;

/// <summary>
/// How each implementation pads what it shards, in elements:
/// - DeepSpeed ZeRO-1/2 flatten a parameter group and pad it to a multiple of <c>nccl_start_alignment_factor</c> (2) x
///   world size, then each rank owns one equal slice (<c>stage_1_and_2.py</c>, <c>aligned_numel</c>);
/// - DeepSpeed ZeRO-3 pads each parameter to a multiple of the world size (<c>partition_parameters.py</c>,
///   <c>_padding_size</c>) and each rank owns numel / N of it;
/// - FSDP2 shards each parameter on dim 0 in <c>torch.chunk</c> fashion and pads every shard to the first one's rows,
///   ceil(dim0 / N) x (numel / dim0) elements (<c>_fsdp_param.py</c>, padded sharded size).
/// </summary>
internal static class ShardMath
{
    public static long CeilDiv(long a, long b) => checked((a + b - 1) / b);

    public static long RoundUp(long a, long multiple) => checked(CeilDiv(a, multiple) * multiple);

    /// <summary>ZeRO-1/2: one rank's slice of a flat group of <paramref name="elements"/>.</summary>
    public static long FlatPartition(long elements, int gpus) =>
        RoundUp(elements, ParallelDefaults.NcclStartAlignmentFactor * gpus) / gpus;

    /// <summary>ZeRO-3: one rank's slice of one parameter.</summary>
    public static long ParamPartition(long elements, int gpus) => CeilDiv(elements, gpus);

    /// <summary>FSDP2: one rank's padded dim-0 shard of one parameter.</summary>
    public static long Dim0Shard(ParamEntry p, int gpus) => checked(CeilDiv(p.Dim0, gpus) * (p.Elements / p.Dim0));
}
