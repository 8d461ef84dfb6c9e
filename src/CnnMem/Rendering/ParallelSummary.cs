using System.Collections.Immutable;
using CnnMem.Memory.Parallel;
using CnnMem.Reports;

namespace CnnMem.Rendering;

/// <summary>
/// The multi-device section (<c>memory.parallel</c>), after the framework model's: the batch arithmetic, then each
/// per-device part with what the strategy keeps in it, the communication buffers one by one, and the peak (and on CUDA
/// the reserved figure). Every number is a report field, and what each part holds is the strategy model's
/// <see cref="ParallelPlacement"/>: the words only say which rule produced it.
/// </summary>
internal static class ParallelSummary
{
    public static ImmutableArray<SummarySection> Sections(AnalysisReport report, UnitSystem units)
    {
        if (report.Memory.Parallel is not { } p)
        {
            return [];
        }
        string Bytes(long b) => $"{ByteFormat.Bytes(b, units)} ({ByteFormat.Count(b)} bytes)";
        var d = p.PerDevice;
        var c = p.Communication;
        var s = p.Setup;
        var lines = ImmutableArray.CreateBuilder<SummaryLine>();
        lines.Add(new("Global batch (devices x micro-batch x accum.)",
            $"{p.Gpus} x {ByteFormat.Count(p.MicroBatch)} x {p.GradAccum} = {ByteFormat.Count(p.GlobalBatch)}"));
        lines.Add(new("Precision", Precision(s.Precision)));
        lines.Add(new("Weights", $"{Bytes(d.ParamBytes)}: {Weights(p)}"));
        lines.Add(new("Buffers, input micro-batch, labels", $"{Bytes(d.BufferAndInputBytes)}: never sharded"));
        lines.Add(new("Weight gradients", $"{Bytes(d.GradientBytes)}: {Gradients(p.Placement)}"));
        lines.Add(new("Optimizer state", $"{Bytes(d.OptimizerStateBytes)}: {State(p.Placement)}"));
        lines.Add(new("Activation peak (one micro-batch)", $"{Bytes(d.ActivationPeakBytes)}: the single-device model's, unchanged by sharding"));
        lines.Add(new("Optimizer step temporaries", Bytes(d.StepTemporaryBytes)));
        lines.Add(new("Communication buffers", Bytes(d.CommunicationBufferBytes)));
        if (c.GradientBucketBytes > 0 || p.Placement.BucketsHoldGradients || p.Placement.ReduceBuckets > 0)
        {
            lines.Add(new("  gradient buckets", $"{Bytes(c.GradientBucketBytes)}: {Buckets(p)}"));
        }
        if (p.Placement.Gathering != WeightGathering.None)
        {
            lines.Add(new("  weights gathered in flight", $"{Bytes(c.GatheredParamBytes)}: {Gathered(p)}"));
            lines.Add(new("  unit gradients being reduced", $"{Bytes(c.ReduceScatterBytes)}: {(p.Placement.Gathering == WeightGathering.PerUnit ? "unsharded gradients + reduce-scatter input, largest unit" : "full gradients of the largest module before its bucket")}"));
        }
        lines.Add(new("  NCCL (outside the caching allocator)", $"{Bytes(c.NcclBytes)}{(p.Gpus == 1 ? ": one rank, no peers" : "; set with --nccl-buffers")}"));
        if (d.PaddingElements > 0)
        {
            lines.Add(new("Padding added to shards (all devices)", $"{ByteFormat.Count(d.PaddingElements)} elements: {Padding(p.Placement.Shards)}"));
        }
        lines.Add(new("Peak per device (parts + max(act., step))", Bytes(d.TotalBytes)));
        if (d.ReservedBytes is { } r)
        {
            lines.Add(new("Reserved per device (context, rounding)", Bytes(r)));
        }
        return [new SummarySection($"Data-parallel training: {ParallelStrategies.Title(p.Strategy)} on {p.Gpus} device{(p.Gpus == 1 ? "" : "s")} (per device)", lines.ToImmutable())];
    }

    private static string Precision(ParallelPrecision p) => p switch
    {
        ParallelPrecision.Autocast => "autocast: fp32 weights and gradients, half activations",
        ParallelPrecision.AutocastHalfGather => "autocast; MixedPrecisionPolicy gathers half weights, shards stay fp32",
        ParallelPrecision.HalfFp32Master => "DeepSpeed fp16/bf16 mode: half weights and gradients, fp32 master weights",
        _ => ParallelPrecisions.Name(p),
    };

    private static string Weights(ParallelMemory p) => (p.Placement.Parameters, p.Placement.Shards) switch
    {
        (Placement.Replicated, null) => "a full replica",
        (Placement.Replicated, ShardLayout.FlatPartition) => "the whole flat weight buffer (every device)",
        (Placement.Sharded, ShardLayout.PerParameter) => $"1/{p.Gpus} of each parameter, plus {p.Setup.PersistentParams} small ones whole (<= {ByteFormat.Count(p.Setup.PersistenceThresholdElements ?? 0)} elements)",
        (Placement.Sharded, ShardLayout.Dim0) => $"dim-0 shards, 1/{p.Gpus} of each parameter",
        _ => "",
    };

    private static string Gradients(ParallelPlacement p) => p.Gradients switch
    {
        Placement.Replicated => "all of them",
        Placement.ReplicatedUntilReduced => "all until the accumulation boundary + own partition",
        Placement.Sharded when p.Shards == ShardLayout.Dim0 => "dim-0 shards",
        Placement.Sharded => "own partition (reduced during backward)",
        _ => "",
    };

    private static string State(ParallelPlacement p) => p.OptimizerState switch
    {
        Placement.Replicated => "the single-device optimizer's",
        Placement.Sharded when p.Shards == ShardLayout.Dim0 => "on the local shards",
        Placement.Sharded when p.Fp32MasterCopy => "own partition, with its fp32 master copy",
        Placement.Sharded => "own partition (fp32 mode: no separate master copy)",
        _ => "",
    };

    private static string Buckets(ParallelMemory p) => p.Placement.BucketsHoldGradients
        ? p.Setup.GradientAsBucketView == true ? "gradients are views into the buckets" : "a second copy of the gradients (--gradient-as-bucket-view avoids it)"
        : $"reduce_bucket_size = {ByteFormat.Count(p.Setup.ReduceBucketElements ?? 0)} elements{(p.Placement.ReduceBuckets > 1 ? ", two (overlap_comm)" : "")}, whatever the model's size";

    private static string Gathered(ParallelMemory p) => p.Placement.Gathering == WeightGathering.PerModule
        ? p.Setup.LargestUnit is null
            ? "nothing: every parameter is below the persistence threshold"
            : $"the largest module and the next one prefetched (largest: {p.Setup.LargestUnit})"
        : p.Setup.ReshardAfterForward == false
            ? $"every unit from its forward to its backward ({p.Setup.Units} units) + the root"
            : $"two units in flight (prefetch) + the root; largest unit {p.Setup.LargestUnit} of {p.Setup.Units}";

    private static string Padding(ShardLayout? shards) => shards switch
    {
        ShardLayout.FlatPartition => "the flat group padded to a multiple of 2 x devices",
        ShardLayout.PerParameter => "each parameter padded to a multiple of the devices",
        ShardLayout.Dim0 => "each parameter's dim 0 padded to a multiple of the devices",
        _ => "",
    };
}
