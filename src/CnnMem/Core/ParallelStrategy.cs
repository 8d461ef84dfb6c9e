namespace CnnMem;

/// <summary>How training is spread over several devices (data parallel in every case: each device runs its own micro-batch).</summary>
public enum ParallelStrategy
{
    /// <summary>PyTorch DistributedDataParallel: a full replica per device, gradients all-reduced in buckets.</summary>
    Ddp,

    /// <summary>DeepSpeed ZeRO stage 1: optimizer state (and fp32 master weights) sharded.</summary>
    Zero1,

    /// <summary>DeepSpeed ZeRO stage 2: also the gradients sharded (reduce-scattered in buckets).</summary>
    Zero2,

    /// <summary>DeepSpeed ZeRO stage 3: also the weights sharded, gathered per module when used.</summary>
    Zero3,

    /// <summary>PyTorch FSDP2 (<c>fully_shard</c>) full shard: weights, gradients and state sharded per parameter on dim 0.</summary>
    Fsdp,
}
