using System.Collections.Immutable;
using CnnMem.Reports;

namespace CnnMem.Rendering;

/// <summary>
/// The multi-device section (<c>memory.parallel</c>), after the framework model's: the batch arithmetic, then each
/// per-device part with what the strategy keeps in it, the communication buffers one by one, and the peak (and on CUDA
/// the reserved figure). Every number is a report field; the words only say which rule produced it.
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
        lines.Add(new("Weight gradients", $"{Bytes(d.GradientBytes)}: {Gradients(p.Strategy)}"));
        lines.Add(new("Optimizer state", $"{Bytes(d.OptimizerStateBytes)}: {State(p.Strategy, s.Precision)}"));
        lines.Add(new("Activation peak (one micro-batch)", $"{Bytes(d.ActivationPeakBytes)}: the single-device model's, unchanged by sharding"));
        lines.Add(new("Optimizer step temporaries", Bytes(d.StepTemporaryBytes)));
        lines.Add(new("Communication buffers", Bytes(d.CommunicationBufferBytes)));
        if (c.GradientBucketBytes > 0 || p.Strategy is "ddp" or "zero1" or "zero2" or "zero3")
        {
            lines.Add(new("  gradient buckets", $"{Bytes(c.GradientBucketBytes)}: {Buckets(p)}"));
        }
        if (p.Strategy is "zero3" or "fsdp")
        {
            lines.Add(new("  weights gathered in flight", $"{Bytes(c.GatheredParamBytes)}: {Gathered(p)}"));
            lines.Add(new("  unit gradients being reduced", $"{Bytes(c.ReduceScatterBytes)}: {(p.Strategy == "fsdp" ? "unsharded gradients + reduce-scatter input, largest unit" : "full gradients of the largest module before its bucket")}"));
        }
        lines.Add(new("  NCCL (outside the caching allocator)", $"{Bytes(c.NcclBytes)}{(p.Gpus == 1 ? ": one rank, no peers" : "; set with --nccl-buffers")}"));
        if (d.PaddingElements > 0)
        {
            lines.Add(new("Padding added to shards (all devices)", $"{ByteFormat.Count(d.PaddingElements)} elements: {Padding(p.Strategy)}"));
        }
        lines.Add(new("Peak per device (parts + max(act., step))", Bytes(d.TotalBytes)));
        if (d.ReservedBytes is { } r)
        {
            lines.Add(new("Reserved per device (context, rounding)", Bytes(r)));
        }
        return [new SummarySection($"Data-parallel training: {Title(p.Strategy)} on {p.Gpus} device{(p.Gpus == 1 ? "" : "s")} (per device)", lines.ToImmutable())];
    }

    private static string Title(string strategy) => strategy switch
    {
        "ddp" => "DDP",
        "zero1" => "DeepSpeed ZeRO-1",
        "zero2" => "DeepSpeed ZeRO-2",
        "zero3" => "DeepSpeed ZeRO-3",
        "fsdp" => "FSDP2 full shard",
        _ => strategy,
    };

    private static string Precision(string p) => p switch
    {
        "autocast" => "autocast: fp32 weights and gradients, half activations",
        "autocast_half_gather" => "autocast; MixedPrecisionPolicy gathers half weights, shards stay fp32",
        "half_fp32_master" => "DeepSpeed fp16/bf16 mode: half weights and gradients, fp32 master weights",
        _ => p,
    };

    private static string Weights(ParallelMemory p) => p.Strategy switch
    {
        "ddp" => "a full replica",
        "zero1" or "zero2" => "the whole flat weight buffer (every device)",
        "zero3" => $"1/{p.Gpus} of each parameter, plus {p.Setup.PersistentParams} small ones whole (<= {ByteFormat.Count(p.Setup.PersistenceThresholdElements ?? 0)} elements)",
        "fsdp" => $"dim-0 shards, 1/{p.Gpus} of each parameter",
        _ => "",
    };

    private static string Gradients(string strategy) => strategy switch
    {
        "ddp" => "all of them",
        "zero1" => "all until the accumulation boundary + own partition",
        "zero2" or "zero3" => "own partition (reduced during backward)",
        "fsdp" => "dim-0 shards",
        _ => "",
    };

    private static string State(string strategy, string precision) => strategy switch
    {
        "ddp" => "the single-device optimizer's",
        "zero1" or "zero2" => "own partition, with its fp32 master copy",
        "zero3" => precision == "half_fp32_master" ? "own partition, with its fp32 master copy" : "own partition (fp32 mode: no separate master copy)",
        "fsdp" => "on the local shards",
        _ => "",
    };

    private static string Buckets(ParallelMemory p) => p.Strategy switch
    {
        "ddp" => p.Setup.GradientAsBucketView == true ? "gradients are views into the buckets" : "a second copy of the gradients (--gradient-as-bucket-view avoids it)",
        _ => $"reduce_bucket_size = {ByteFormat.Count(p.Setup.ReduceBucketElements ?? 0)} elements{(p.Setup.OverlapComm == true && p.Strategy != "zero3" ? ", two (overlap_comm)" : "")}, whatever the model's size",
    };

    private static string Gathered(ParallelMemory p) => p.Strategy == "zero3"
        ? p.Setup.LargestUnit is null
            ? "nothing: every parameter is below the persistence threshold"
            : $"the largest module and the next one prefetched (largest: {p.Setup.LargestUnit})"
        : p.Setup.ReshardAfterForward == false
            ? $"every unit from its forward to its backward ({p.Setup.Units} units) + the root"
            : $"two units in flight (prefetch) + the root; largest unit {p.Setup.LargestUnit} of {p.Setup.Units}";

    private static string Padding(string strategy) => strategy switch
    {
        "zero1" or "zero2" => "the flat group padded to a multiple of 2 x devices",
        "zero3" => "each parameter padded to a multiple of the devices",
        "fsdp" => "each parameter's dim 0 padded to a multiple of the devices",
        _ => "",
    };
}
