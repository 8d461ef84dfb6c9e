using CnnMem.Memory.Parallel;
using CnnMem.Reports;

namespace CnnMem.Tests.Memory.Parallel;

/// <summary>
/// Each strategy model states what it places on a device (<see cref="ParallelPlacement"/>), which the text summary only
/// words: DDP replicates everything; ZeRO-1 keeps whole gradients until it reduces them, ZeRO-2 and later shard them;
/// ZeRO-3 and FSDP2 also shard the weights and gather them to compute.
/// </summary>
public class ParallelPlacementTests
{
    private const Placement R = Placement.Replicated;
    private const Placement S = Placement.Sharded;

    [Theory]
    [InlineData(ParallelStrategy.Ddp, false, R, R, R, null, false, true, 0, WeightGathering.None)]
    [InlineData(ParallelStrategy.Zero1, false, R, Placement.ReplicatedUntilReduced, S, ShardLayout.FlatPartition, true, false, 1, WeightGathering.None)]
    [InlineData(ParallelStrategy.Zero2, false, R, S, S, ShardLayout.FlatPartition, true, false, 1, WeightGathering.None)]
    [InlineData(ParallelStrategy.Zero3, false, S, S, S, ShardLayout.PerParameter, false, false, 1, WeightGathering.PerModule)]
    [InlineData(ParallelStrategy.Zero3, true, S, S, S, ShardLayout.PerParameter, true, false, 1, WeightGathering.PerModule)]
    [InlineData(ParallelStrategy.Fsdp, true, S, S, S, ShardLayout.Dim0, false, false, 0, WeightGathering.PerUnit)]
    public void Strategy_StatesWhatItPlaces(ParallelStrategy strategy, bool amp, Placement weights, Placement gradients, Placement state,
        ShardLayout? shards, bool masterCopy, bool bucketsHoldGradients, int reduceBuckets, WeightGathering gathering)
    {
        var m = ParallelModel.Compute(ParallelCases.TwoParams(amp), new DataParallelOptions { Gpus = 4, Strategy = strategy, NcclBytes = 0 });
        Assert.Equal(strategy, m.Strategy);
        Assert.Equal(
            new ParallelPlacement
            {
                Parameters = weights,
                Gradients = gradients,
                OptimizerState = state,
                Shards = shards,
                Fp32MasterCopy = masterCopy,
                BucketsHoldGradients = bucketsHoldGradients,
                ReduceBuckets = reduceBuckets,
                Gathering = gathering,
            },
            m.Placement);
    }
}
