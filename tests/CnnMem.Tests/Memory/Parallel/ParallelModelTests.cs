using CnnMem.Memory.Parallel;

namespace CnnMem.Tests.Memory.Parallel;

/// <summary>
/// Small hand-computed cases per strategy (<see cref="ParallelCases.TwoParams"/>: a = 200,000 elements in 1000 rows,
/// b = 10 elements in 10 rows, Adam, reduce bucket 100 elements, NCCL 0). Each expected figure is worked in the comment.
/// </summary>
public class ParallelModelTests
{
    public static IEnumerable<object[]> Cases => new object[][]
    {
        // DDP: the replica; buckets a second copy of the gradients (800,040); Adam state 2 x 800,040 + 8.
        ["ddp", 4, false, 800_040L, 800_040L, 1_600_088L, 1_600_000L, 800_040L, 0L, 0L, 0L],
        // ZeRO-1, N=4: T = 200,010 padded to a multiple of 8 = 200,016 (pad 6), part 50,004. Weights 200,016 x 4;
        // grads 200,010 x 4 + 50,004 x 4; state fp32 copy 200,016 + Adam 2 x 200,016 + 4; step 2 x 200,016; bucket 100 x 4.
        ["zero1", 4, false, 800_064L, 1_000_056L, 600_052L, 400_032L, 400L, 0L, 0L, 6L],
        // ZeRO-2: only the gradient partition, 50,004 x 4.
        ["zero2", 4, false, 800_064L, 200_016L, 600_052L, 400_032L, 400L, 0L, 0L, 6L],
        // ZeRO-2 --amp: half flat weights 200,016 x 2, grads 50,004 x 2, bucket 100 x 2; the step adds the fp32 gradient partition 200,016.
        ["zero2", 4, true, 400_032L, 100_008L, 600_052L, 600_048L, 200L, 0L, 0L, 6L],
        // ZeRO-3, N=3: a padded to 200,001 (shard 66,667), b to 12 (shard 4) and kept whole (10 <= 1e5):
        // weights (66,667 + 4) x 4 + 10 x 4; grads 66,671 x 4; state Adam 2 x 266,684 + 4 (fp32 mode: DeepSpeed >= 0.18.2
        // aliases the partition as the master, no copy); step: the flattened fp32 gradient 266,684 (two tensors, so
        // _flatten_dense_tensors copies) + Adam 2 x 266,684; gathered: only a (b is persistent) 200,001 x 4; a's full
        // gradient 800,000 before its bucket.
        ["zero3", 3, false, 266_724L, 266_684L, 533_372L, 800_052L, 400L, 800_004L, 800_000L, 3L],
        // ZeRO-3 --amp: half shards and grads, the fp32 master copy 266,684 joins the state and the fp32 gradient the step.
        ["zero3", 3, true, 133_362L, 133_342L, 800_056L, 800_052L, 200L, 400_002L, 400_000L, 3L],
        // FSDP2, N=3: a's dim 0 1000 -> 334 rows x 200 = 66,800 (pad 400), b 10 -> 4 rows (pad 2).
        // weights and grads (66,800 + 4) x 4; Adam 2 x 267,216 + 8; step 2 x 267,200 (largest shard);
        // gathered: units a (200,400 x 4) and b (12 x 4) together + a's all-gather input 801,600 / 3;
        // reduce-scatter: a's gradient 800,000 + its padded input 801,600.
        ["fsdp", 3, false, 267_216L, 267_216L, 534_440L, 534_400L, 0L, 1_068_848L, 1_601_600L, 402L],
        // FSDP2 --amp: the shards stay fp32; gathers and reductions in half.
        ["fsdp", 3, true, 267_216L, 267_216L, 534_440L, 534_400L, 0L, 534_424L, 800_800L, 402L],
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Strategy_TwoParams_MatchesHandComputedParts(
        string strategy, int gpus, bool amp, long param, long grad, long state, long step, long bucket, long gathered, long reduceScatter, long padding)
    {
        Assert.True(ParallelStrategies.TryParse(strategy, out var s));
        var m = ParallelModel.Compute(ParallelCases.TwoParams(amp), new DataParallelOptions { Gpus = gpus, Strategy = s, ReduceBucketElements = 100, NcclBytes = 0 });
        var d = m.PerDevice;
        Assert.Equal((param, grad, state, step, padding), (d.ParamBytes, d.GradientBytes, d.OptimizerStateBytes, d.StepTemporaryBytes, d.PaddingElements));
        Assert.Equal((bucket, gathered, reduceScatter), (m.Communication.GradientBucketBytes, m.Communication.GatheredParamBytes, m.Communication.ReduceScatterBytes));
        // the parts add up: total = every part + max(activations, step temporaries)
        Assert.Equal(7_000, d.ActivationPeakBytes);
        Assert.Equal(1_000, d.BufferAndInputBytes);
        Assert.Equal(param + 1_000 + grad + state + bucket + gathered + reduceScatter + Math.Max(7_000, step), d.TotalBytes);
        Assert.Equal(d.CommunicationBufferBytes, bucket + gathered + reduceScatter);
    }

    /// <summary>
    /// Adam's model states per partitioned element, one 1.2e6-element weight (no padding at N = 4, above the persistence
    /// threshold), as the sources keep them: ZeRO-1/2 clone the fp32 master in every mode (<c>single_partition_of_fp32_groups</c>):
    /// 4 + 8 = 12 bytes of optimizer state; ZeRO-3 clones it in fp16/bf16 mode (12) and aliases its own fp32 partition in
    /// fp32 mode (<c>_create_fp32_partitions</c>, DeepSpeed >= 0.18.2: 8); FSDP2's fp32 shards are the master in both
    /// modes (8 bytes of moments, 4 of weight, 4 of gradient). Weights and gradients: the partition in the model dtype
    /// (ZeRO-1/2 keep the whole flat weights; ZeRO-3 and FSDP2 the shard).
    /// </summary>
    [Theory]
    [InlineData("zero1", false, 16, 12)]
    [InlineData("zero2", false, 16, 12)]
    [InlineData("zero2", true, 8, 12)]
    [InlineData("zero3", false, 4, 8)]
    [InlineData("zero3", true, 2, 12)]
    [InlineData("fsdp", false, 4, 8)]
    [InlineData("fsdp", true, 4, 8)]
    public void AdamStates_PerPartitionedElement_FollowTheSources(string strategy, bool amp, long paramBytesPerElement, long stateBytesPerElement)
    {
        const long elements = 1_200_000, gpus = 4, part = elements / gpus;
        var ps = System.Collections.Immutable.ImmutableArray.Create(new ParamEntry("/a/Conv", "a.weight", elements, 1200, 4, true));
        var input = new ParallelInput(ParallelCases.Training(elements * 4, elements * 4, 1, 0, 0, 0, 0), ps, Optimizer.Adam, amp, MicroBatch: 1);
        Assert.True(ParallelStrategies.TryParse(strategy, out var s));
        var d = ParallelModel.Compute(input, new DataParallelOptions { Gpus = (int)gpus, Strategy = s, ReduceBucketElements = 1, NcclBytes = 0 }).PerDevice;
        Assert.Equal(part * paramBytesPerElement, d.ParamBytes);
        // Adam's step count: one 4-byte tensor per parameter tensor (FSDP2, torch.optim) or per flat group (DeepSpeed)
        Assert.Equal((part * stateBytesPerElement) + 4, d.OptimizerStateBytes);
    }

    [Theory]
    [InlineData(1, 2, 3, 6)]
    [InlineData(8, 32, 4, 1024)]
    public void GlobalBatch_IsGpusTimesMicroBatchTimesAccumulation(int gpus, long micro, int accum, long global)
    {
        var input = ParallelCases.TwoParams() with { MicroBatch = micro };
        var m = ParallelModel.Compute(input, new DataParallelOptions { Gpus = gpus, GradAccum = accum });
        Assert.Equal((gpus, micro, accum, global), (m.Gpus, m.MicroBatch, m.GradAccum, m.GlobalBatch));
        Assert.Equal(m.PerDevice.TotalBytes, ParallelModel.Compute(input with { MicroBatch = 1 }, new DataParallelOptions { Gpus = gpus }).PerDevice.TotalBytes);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 256L << 20)]
    public void Nccl_DefaultsToNothingForOneRank_And256MiBOtherwise(int gpus, long expected) =>
        Assert.Equal(expected, ParallelModel.Compute(ParallelCases.TwoParams(), new DataParallelOptions { Gpus = gpus }).Communication.NcclBytes);

    [Fact]
    public void Ddp_GradientAsBucketView_DropsTheSecondCopy()
    {
        var with = ParallelModel.Compute(ParallelCases.TwoParams(), new DataParallelOptions { Gpus = 2, NcclBytes = 0 });
        var view = ParallelModel.Compute(ParallelCases.TwoParams(), new DataParallelOptions { Gpus = 2, NcclBytes = 0, GradientAsBucketView = true });
        Assert.Equal(800_040, with.PerDevice.TotalBytes - view.PerDevice.TotalBytes);
    }

    [Fact]
    public void Fsdp_NoReshardAfterForward_KeepsEveryUnitGathered()
    {
        var o = new DataParallelOptions { Gpus = 3, Strategy = ParallelStrategy.Fsdp, NcclBytes = 0, ReshardAfterForward = false };
        // units a and b: 801,600 + 48 all kept, plus a's all-gather input 267,200
        Assert.Equal(1_068_848, ParallelModel.Compute(ParallelCases.TwoParams(), o).Communication.GatheredParamBytes);
    }

    [Fact]
    public void Zero_FrozenParameters_HaveNoGradientOrState()
    {
        var m = ParallelModel.Compute(ParallelCases.TwoParams(secondTrainable: false), new DataParallelOptions { Gpus = 4, Strategy = ParallelStrategy.Zero2, ReduceBucketElements = 100, NcclBytes = 0 });
        // T = 200,000 (a multiple of 8): part 50,000; flat 200,000 x 4 + frozen b 10 x 4
        Assert.Equal((800_040, 200_000L, 600_004L), (m.PerDevice.ParamBytes, m.PerDevice.GradientBytes, m.PerDevice.OptimizerStateBytes));
    }

    [Fact]
    public void Cuda_ReservedAddsContextNcclAndRounding()
    {
        var input = ParallelCases.TwoParams() with { CudaContextBytes = 300_000_000, StepRoundingBytes = 1_000 };
        var m = ParallelModel.Compute(input, new DataParallelOptions { Gpus = 2, NcclBytes = 5_000 });
        // each allocator part rounded up to a 512-byte block (all under 10 MiB)
        long R(long b) => (b + 511) / 512 * 512;
        var d = m.PerDevice;
        Assert.Equal(300_000_000 + 5_000 + 1_000 + Math.Max(7_000, d.StepTemporaryBytes) + 1_000
            + R(d.ParamBytes) + R(d.GradientBytes) + R(d.OptimizerStateBytes) + R(m.Communication.GradientBucketBytes), d.ReservedBytes);
        Assert.Null(ParallelModel.Compute(ParallelCases.TwoParams(), new DataParallelOptions()).PerDevice.ReservedBytes);
    }

    [Theory]
    [InlineData(0, 1, "--gpus must be at least 1")]
    [InlineData(2, 0, "--grad-accum must be at least 1")]
    public void BadOptions_AreUserErrors(int gpus, int accum, string message) =>
        Assert.Contains(message, Assert.Throws<CnnMemException>(() => ParallelModel.Compute(ParallelCases.TwoParams(), new DataParallelOptions { Gpus = gpus, GradAccum = accum })).Message);
}
