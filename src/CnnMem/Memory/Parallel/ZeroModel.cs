using CnnMem.Core;
using CnnMem.Reports;

namespace CnnMem.Memory.Parallel;

/// <summary>
/// DeepSpeed ZeRO stages 1 and 2 (<c>deepspeed/runtime/zero/stage_1_and_2.py</c>), one parameter group:
/// 1. the trainable weights are flattened into one buffer padded to 2 x N elements (<see cref="ShardMath.FlatPartition"/>)
///    that every device keeps whole, in the model dtype (half in fp16/bf16 mode); frozen weights stay as they are;
/// 2. each device keeps an fp32 copy of its partition (<c>single_partition_of_fp32_groups</c>: a clone even when the
///    model is fp32) and the optimizer state of that partition: both counted as optimizer state (Adam: 4 + 8 = 12 bytes
///    per partitioned element in every mode; ZeRO-3 differs in fp32 mode, see <see cref="Zero3Model"/>);
/// 3. gradients: stage 1 keeps every <c>.grad</c> until the accumulation boundary, plus the contiguous partition buffer
///    (<c>grads_in_partition</c>) they are reduced into; stage 2 only that partition (gradients are reduced during backward);
/// 4. the reduce bucket (<c>ipg_buckets</c>, <c>setup_buckets</c>) is <c>reduce_bucket_size</c> elements of the model dtype
///    whatever the model's size, two with <c>overlap_comm</c> (off by default for stages 1 and 2);
/// 5. the step: in fp16/bf16 mode the gradient partition is converted to fp32 (<c>flat_grad_partition.to(fp32)</c>,
///    a no-op copy in fp32 mode), plus the optimizer's temporaries on the flat fp32 partition; the all-gather of the
///    updated weights writes into the flat buffer in place.
/// </summary>
internal static class ZeroModel
{
    public static DeviceParts Compute(ParallelInput input, DataParallelOptions o, bool partitionGradients)
    {
        var n = o.Gpus;
        var half = input.MixedPrecision;
        long trainable = 0, frozenBytes = 0;
        var width = 4;
        foreach (var p in input.Params)
        {
            if (p.Trainable)
            {
                trainable = checked(trainable + p.Elements);
                width = half ? 2 : p.ElementBytes;
            }
            else
            {
                frozenBytes = checked(frozenBytes + (half ? p.Elements * 2 : p.Bytes));
            }
        }
        var part = trainable == 0 ? 0 : ShardMath.FlatPartition(trainable, n);
        var flat = checked(part * n);
        var master = checked(part * 4);
        var state = checked(master + OptimizerProfiles.Of(input.Optimizer).StateBytes(master, part == 0 ? 0 : 1, stepTensorsHere: true));
        var gradPartition = checked(part * width);
        var gradients = partitionGradients ? gradPartition : checked((trainable * width) + gradPartition);
        var step = checked((half ? master : 0) + OptimizerProfiles.Of(input.Optimizer).ForLoopTemporaryBytes(master));
        const bool overlap = false;
        var bucket = trainable == 0 ? 0 : checked(o.ReduceBucketElements * width * (overlap ? 2 : 1));
        return new DeviceParts(
            checked((flat * width) + frozenBytes),
            gradients,
            state,
            step,
            PaddingElements: flat - trainable,
            bucket,
            Gathered: 0,
            ReduceScatter: 0,
            new ParallelSetup
            {
                Precision = half ? ParallelPrecision.HalfFp32Master : DdpModel.Precision(input),
                ReduceBucketElements = o.ReduceBucketElements,
                OverlapComm = overlap,
            },
            new ParallelPlacement
            {
                Parameters = Placement.Replicated,
                Gradients = partitionGradients ? Placement.Sharded : Placement.ReplicatedUntilReduced,
                OptimizerState = Placement.Sharded,
                Shards = ShardLayout.FlatPartition,
                Fp32MasterCopy = true,
                ReduceBuckets = overlap ? 2 : 1,
            });
    }
}
