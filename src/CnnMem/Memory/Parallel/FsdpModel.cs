using CnnMem.Core;
using CnnMem.Reports;

namespace CnnMem.Memory.Parallel;

/// <summary>
/// PyTorch FSDP2 (<c>fully_shard</c>) full shard, units as <see cref="ModuleUnits.AtDepth"/> finds them:
/// 1. every parameter is sharded on dim 0, each shard padded to ceil(dim0 / N) rows (<see cref="ShardMath.Dim0Shard"/>;
///    <c>_fsdp_param.py</c>, <c>_init_sharded_param</c>: <c>padded_sharded_size = chunks[0].size()</c>);
///    sharded weights and gradients keep the parameter's dtype (float32): under <c>MixedPrecisionPolicy</c> the fp32
///    shards are the master weights (no separate copy; only the all-gather casts to <c>param_dtype</c>), and
///    <c>_fsdp_collectives.py</c> <c>foreach_reduce</c> casts the reduce-scatter output back to <c>orig_dtype</c>
///    (<c>_to_dtype_if_needed(reduce_output, target_dtype)</c>) before it becomes the sharded <c>.grad</c>;
/// 2. the optimizer runs on the local shards (per-parameter DTensors), so its state and step temporaries are the
///    single-device rules applied to the shards: Adam 4 (weight) + 4 (gradient) + 8 (moments) = 16 bytes per sharded
///    element in fp32 and under <c>--amp</c> alike (ZeRO's fp16/bf16 mode: 2 + 2 + 12);
/// 3. weights in flight: the unit running and the next one, prefetched (forward and backward), gathered at their padded
///    size in the gather dtype (half under <c>MixedPrecisionPolicy(param_dtype=half)</c>, the autocast setup), plus the
///    all-gather input of one unit; with <c>reshard_after_forward=False</c> every unit stays gathered from its forward to
///    its backward, so the peak holds all of them; the root (<c>fully_shard(model)</c>, parameters in no unit) is not
///    resharded after forward (<c>_fsdp_state.py</c>, <c>_lazy_init</c>: the root's <c>post_forward_mesh_info = None</c>)
///    and stays gathered for the step;
/// 4. reduce-scatter: the unit's unsharded gradients and the reduce-scatter input (padded), largest unit.
/// </summary>
internal static class FsdpModel
{
    public static DeviceParts Compute(ParallelInput input, DataParallelOptions o)
    {
        var n = o.Gpus;
        int GatherWidth(ParamEntry p) => input.MixedPrecision ? 2 : p.ElementBytes;
        long param = 0, gradients = 0, padding = 0, largestShard = 0;
        var trainableTensors = 0;
        foreach (var p in input.Params)
        {
            var shard = ShardMath.Dim0Shard(p, n);
            padding = checked(padding + (shard * n) - p.Elements);
            param = checked(param + (shard * p.ElementBytes));
            if (p.Trainable)
            {
                gradients = checked(gradients + (shard * p.ElementBytes));
                largestShard = Math.Max(largestShard, shard * p.ElementBytes);
                trainableTensors++;
            }
        }
        var state = OptimizerProfiles.Of(input.Optimizer).StateBytes(gradients, trainableTensors, stepTensorsHere: true);
        var step = OptimizerProfiles.Of(input.Optimizer).ForLoopTemporaryBytes(largestShard);

        var (units, root) = ModuleUnits.AtDepth(input.Params, o.FsdpUnitDepth);
        long Unsharded(IEnumerable<ParamEntry> ps) => ps.Aggregate(0L, (a, p) => checked(a + (ShardMath.Dim0Shard(p, n) * n * GatherWidth(p))));
        var gathered = units.Select(u => Unsharded(u.Params)).ToArray();
        long inFlight = 0;
        for (var k = 0; k < gathered.Length; k++)
        {
            inFlight = Math.Max(inFlight, checked(gathered[k] + (k + 1 < gathered.Length ? gathered[k + 1] : 0)));
        }
        if (!o.ReshardAfterForward)
        {
            inFlight = gathered.Aggregate(0L, (a, b) => checked(a + b));
        }
        var rootBytes = Unsharded(root);
        var largest = gathered.Length == 0 ? 0 : gathered.Max();
        var allGatherInput = Math.Max(largest, rootBytes) / n;
        var reduceScatter = units.Select(u => u.Params).Append(root).Select(ps => ReduceScatter(ps, n, GatherWidth)).DefaultIfEmpty(0).Max();
        var largestIndex = gathered.Length == 0 ? -1 : Array.IndexOf(gathered, largest);
        return new DeviceParts(
            param,
            gradients,
            state,
            step,
            padding,
            Bucket: 0,
            checked(inFlight + rootBytes + allGatherInput),
            reduceScatter,
            new ParallelSetup
            {
                Precision = input.MixedPrecision ? ParallelPrecision.AutocastHalfGather : DdpModel.Precision(input),
                FsdpUnitDepth = o.FsdpUnitDepth,
                ReshardAfterForward = o.ReshardAfterForward,
                Units = units.Length,
                LargestUnit = largestIndex < 0 ? null : units[largestIndex].Name,
                LargestUnitBytes = largestIndex < 0 ? null : largest,
                RootParamBytes = rootBytes,
            },
            FullShard);
    }

    /// <summary>Weights, gradients and optimizer state all in dim-0 shards; units gathered as they run.</summary>
    private static readonly ParallelPlacement FullShard = new()
    {
        Parameters = Placement.Sharded,
        Gradients = Placement.Sharded,
        OptimizerState = Placement.Sharded,
        Shards = ShardLayout.Dim0,
        Gathering = WeightGathering.PerUnit,
    };

    /// <summary>A unit's unsharded gradients (autograd's, unpadded) and the padded reduce-scatter input.</summary>
    private static long ReduceScatter(IEnumerable<ParamEntry> ps, int n, Func<ParamEntry, int> width) =>
        ps.Where(p => p.Trainable).Aggregate(0L, (a, p) => checked(a + (p.Elements * width(p)) + (ShardMath.Dim0Shard(p, n) * n * width(p))));
}
