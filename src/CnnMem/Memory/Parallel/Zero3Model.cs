using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Reports;

namespace CnnMem.Memory.Parallel;

/// <summary>
/// DeepSpeed ZeRO stage 3 (<c>stage3.py</c>, <c>partition_parameters.py</c>), defaults as <see cref="ParallelDefaults"/>:
/// 1. every parameter is padded to a multiple of N and each device keeps its 1/N slice (<c>ds_tensor</c>) in the model
///    dtype; parameters of at most <c>stage3_param_persistence_threshold</c> elements also stay whole on every device;
/// 2. optimizer state on the fp32 partition (<c>_create_fp32_partitions</c>, one flat partition per sub-group): in
///    fp16/bf16 mode a separate fp32 master copy (<c>converted.clone().detach()</c>), so Adam keeps 4 + 8 = 12 bytes per
///    partitioned element as ZeRO-1/2 do; in fp32 mode (the model's own dtype is the master dtype) DeepSpeed 0.18.2 and
///    later alias the partition itself (the branch <c>fp16_partitioned_groups_flat[i].dtype == master_weights_and_grads_dtype</c>,
///    PR #7651), so only the 8 bytes of the moments: see <see cref="ParallelDefaults.Stage3AliasesFp32Master"/>;
/// 3. gradients: the flat partition buffer (<c>grad_partitions_flat_buffer</c>) in the model dtype, one reduce bucket of
///    <c>reduce_bucket_size</c> elements, and the full gradients of the module being reduced;
/// 4. weights in flight: the module running (its non-persistent parameters gathered at their padded size) and the next
///    one prefetched when it fits <c>stage3_prefetch_bucket_size</c>: the largest such pair in forward order;
/// 5. the step: <c>_prepare_fp32_grad_for_sub_group</c> flattens the partition's gradients
///    (<c>_flatten_dense_tensors</c>, a new tensor whenever there is more than one) and converts them to fp32, in both
///    modes (unlike ZeRO-1/2, whose gradient partition is already flat and an fp32 no-op copy), plus the optimizer's
///    temporaries.
/// </summary>
internal static class Zero3Model
{
    public static DeviceParts Compute(ParallelInput input, DataParallelOptions o)
    {
        var n = o.Gpus;
        var half = input.MixedPrecision;
        int Width(ParamEntry p) => half ? 2 : p.ElementBytes;
        long param = 0, trainableShard = 0, gradients = 0, padding = 0;
        int persistent = 0, trainableTensors = 0;
        foreach (var p in input.Params)
        {
            var shard = ShardMath.ParamPartition(p.Elements, n);
            padding = checked(padding + (shard * n) - p.Elements);
            param = checked(param + (shard * Width(p)));
            if (p.Elements <= ParallelDefaults.Stage3PersistenceThreshold)
            {
                persistent++;
                param = checked(param + (p.Elements * Width(p)));
            }
            if (p.Trainable)
            {
                trainableShard = checked(trainableShard + shard);
                trainableTensors++;
                gradients = checked(gradients + (shard * Width(p)));
            }
        }
        var fp32 = checked(trainableShard * 4);
        var masterCopy = half || !ParallelDefaults.Stage3AliasesFp32Master;
        var state = checked((masterCopy ? fp32 : 0) + OptimizerProfiles.Of(input.Optimizer).StateBytes(fp32, trainableShard == 0 ? 0 : 1, stepTensorsHere: true));
        var flattenCopies = half || trainableTensors > 1;
        var step = checked((flattenCopies ? fp32 : 0) + OptimizerProfiles.Of(input.Optimizer).ForLoopTemporaryBytes(fp32));
        var units = ModuleUnits.PerNode(input.Params);
        var (inFlight, largestUnit) = InFlight(units, n, Width);
        var unitGrads = units.Select(u => u.Params.Where(p => p.Trainable).Aggregate(0L, (a, p) => checked(a + (p.Elements * Width(p))))).DefaultIfEmpty(0).Max();
        var width = input.Params.IsEmpty ? 4 : Width(input.Params[0]);
        return new DeviceParts(
            param,
            gradients,
            state,
            step,
            padding,
            Bucket: trainableShard == 0 ? 0 : checked(o.ReduceBucketElements * width),
            inFlight,
            unitGrads,
            new ParallelSetup
            {
                Precision = half ? ParallelPrecision.HalfFp32Master : DdpModel.Precision(input),
                ReduceBucketElements = o.ReduceBucketElements,
                OverlapComm = true,
                PersistenceThresholdElements = ParallelDefaults.Stage3PersistenceThreshold,
                PersistentParams = persistent,
                Units = units.Length,
                LargestUnit = largestUnit?.Name,
                LargestUnitBytes = largestUnit is null ? null : Gathered(largestUnit, n, Width).Bytes,
            },
            Slices(masterCopy));
    }

    /// <summary>
    /// Weights, gradients and optimizer state sliced per parameter; modules gathered as they run; one reduce bucket (with
    /// <c>overlap_comm</c> on, stage 3 still reduces through one <c>reduce_bucket_size</c> buffer).
    /// </summary>
    private static ParallelPlacement Slices(bool masterCopy) => new()
    {
        Parameters = Placement.Sharded,
        Gradients = Placement.Sharded,
        OptimizerState = Placement.Sharded,
        Shards = ShardLayout.PerParameter,
        Fp32MasterCopy = masterCopy,
        ReduceBuckets = 1,
        Gathering = WeightGathering.PerModule,
    };

    /// <summary>
    /// The weights in flight at most: a module gathered and the next one prefetched when it fits
    /// <c>stage3_prefetch_bucket_size</c>, the largest such pair in forward order; and the module with the largest gathered weights.
    /// </summary>
    private static (long Bytes, ModuleUnit? Largest) InFlight(ImmutableArray<ModuleUnit> units, int n, Func<ParamEntry, int> width)
    {
        // modules whose parameters are all persistent gather nothing: the prefetch reaches the next one that does
        var gathered = units.Select(u => (Unit: u, Size: Gathered(u, n, width))).Where(g => g.Size.Bytes > 0).ToArray();
        long inFlight = 0;
        for (var k = 0; k < gathered.Length; k++)
        {
            var next = k + 1 < gathered.Length && gathered[k + 1].Size.Elements <= ParallelDefaults.Stage3PrefetchBucketElements ? gathered[k + 1].Size.Bytes : 0;
            inFlight = Math.Max(inFlight, checked(gathered[k].Size.Bytes + next));
        }
        return (inFlight, gathered.Length == 0 ? null : gathered.MaxBy(g => g.Size.Bytes).Unit);
    }

    /// <summary>A module's non-persistent parameters, gathered at their padded size: elements and bytes.</summary>
    private static (long Elements, long Bytes) Gathered(ModuleUnit u, int n, Func<ParamEntry, int> width)
    {
        long elements = 0, bytes = 0;
        foreach (var p in u.Params.Where(p => p.Elements > ParallelDefaults.Stage3PersistenceThreshold))
        {
            var padded = checked(ShardMath.ParamPartition(p.Elements, n) * n);
            elements = checked(elements + padded);
            bytes = checked(bytes + (padded * width(p)));
        }
        return (elements, bytes);
    }
}
