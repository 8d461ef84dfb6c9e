using System.CommandLine;
using System.Globalization;
using CnnMem.Memory.Parallel;

namespace CnnMem.Cli;

/// <summary>
/// The multi-device training options of analyze and fit (--gpus, --parallel, --grad-accum, --fsdp-unit-depth,
/// --reshard-after-forward, --gradient-as-bucket-view, --reduce-bucket-size, --nccl-buffers), declared once and read
/// into <see cref="DataParallelOptions"/>. None given: no parallel section (one device, as before).
/// </summary>
internal sealed class ParallelCliOptions
{
    private readonly Option<string?> gpus = new("--gpus") { HelpName = "N", Description = "Devices training data-parallel (default 1); --batch is then the per-device micro-batch." };

    private readonly Option<string?> parallel = new("--parallel")
    {
        HelpName = "ddp|zero1|zero2|zero3|fsdp|auto",
        Description = "How the devices share the model: ddp (default when --gpus > 1), DeepSpeed zero1|zero2|zero3, or fsdp (FSDP2 full shard); fit also takes auto (all side by side).",
    };

    private readonly Option<string?> gradAccum = new("--grad-accum") { HelpName = "K", Description = "Micro-batches accumulated per optimizer step (default 1): the global batch is gpus x batch x K." };

    private readonly Option<string?> unitDepth = new("--fsdp-unit-depth")
    {
        HelpName = "D",
        Description = "FSDP units: the modules at depth D of the node-name paths (default 1, each top-level child; 2 of /layer1/layer1.0/conv1/Conv gives each residual block).",
    };

    private readonly Option<string?> reshard = new("--reshard-after-forward") { HelpName = "true|false", Description = "FSDP: free each unit's gathered weights after its forward (default true)." };

    private readonly Option<bool> bucketView = new("--gradient-as-bucket-view") { Description = "DDP: gradients are views into the all-reduce buckets (no second copy of the gradients)." };

    private readonly Option<string?> reduceBucket = new("--reduce-bucket-size") { HelpName = "ELEMENTS", Description = "ZeRO: DeepSpeed's reduce_bucket_size in elements (default 5e8 = 500000000)." };

    private readonly Option<string?> nccl = new("--nccl-buffers")
    {
        HelpName = "SIZE",
        Description = "NCCL's own buffers per device, outside the caching allocator (default 256MiB when --gpus > 1, else 0; e.g. 512MiB).",
    };

    public IEnumerable<Option> All => [gpus, parallel, gradAccum, unitDepth, reshard, bucketView, reduceBucket, nccl];

    /// <summary>The options for one strategy (analyze): <c>--parallel auto</c> is refused.</summary>
    public DataParallelOptions? Read(ParseResult r)
    {
        var (options, auto) = ReadWithAuto(r);
        return auto ? throw new CnnMemException("--parallel auto compares the strategies side by side in 'cnnmem fit'; analyze takes one of: " + string.Join(", ", ParallelStrategies.Names)) : options;
    }

    /// <summary>The options, and whether <c>--parallel auto</c> asks for every strategy (the strategy is then ddp, to be replaced).</summary>
    public (DataParallelOptions? Options, bool Auto) ReadWithAuto(ParseResult r) => Create(
        r.GetValue(gpus), r.GetValue(parallel), r.GetValue(gradAccum), r.GetValue(unitDepth), r.GetValue(reshard),
        r.GetValue(bucketView), r.GetValue(reduceBucket), r.GetValue(nccl));

    public static (DataParallelOptions? Options, bool Auto) Create(
        string? gpus, string? parallel, string? gradAccum, string? unitDepth, string? reshard, bool bucketView, string? reduceBucket, string? nccl)
    {
        if (gpus is null && parallel is null && gradAccum is null && unitDepth is null && reshard is null && !bucketView && reduceBucket is null && nccl is null)
        {
            return (null, false);
        }
        var auto = parallel is not null && parallel.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase);
        var strategy = ParallelStrategy.Ddp;
        if (parallel is not null && !auto && !ParallelStrategies.TryParse(parallel, out strategy))
        {
            throw new CnnMemException($"unknown --parallel strategy '{parallel}'; expected one of: {string.Join(", ", ParallelStrategies.Names)}, auto");
        }
        Only(unitDepth is not null, "--fsdp-unit-depth", ParallelStrategy.Fsdp, strategy, auto);
        Only(reshard is not null, "--reshard-after-forward", ParallelStrategy.Fsdp, strategy, auto);
        Only(bucketView, "--gradient-as-bucket-view", ParallelStrategy.Ddp, strategy, auto);
        if (reduceBucket is not null && !auto && strategy is not (ParallelStrategy.Zero1 or ParallelStrategy.Zero2 or ParallelStrategy.Zero3))
        {
            throw new CnnMemException($"--reduce-bucket-size applies to --parallel zero1, zero2 or zero3, not {ParallelStrategies.Name(strategy)}");
        }
        var defaults = new DataParallelOptions();
        return (new DataParallelOptions
        {
            Gpus = gpus is null ? 1 : (int)Whole("--gpus", gpus, "a number of devices, e.g. --gpus 8"),
            Strategy = strategy,
            GradAccum = gradAccum is null ? 1 : (int)Whole("--grad-accum", gradAccum, "a number of micro-batches, e.g. --grad-accum 4"),
            FsdpUnitDepth = unitDepth is null ? defaults.FsdpUnitDepth : (int)Whole("--fsdp-unit-depth", unitDepth, "a module depth of at least 1, e.g. --fsdp-unit-depth 2"),
            ReshardAfterForward = reshard is null || Bool("--reshard-after-forward", reshard),
            GradientAsBucketView = bucketView,
            ReduceBucketElements = reduceBucket is null ? defaults.ReduceBucketElements : Elements(reduceBucket),
            NcclBytes = nccl is null ? null : MemoryCliOptions.Size("--nccl-buffers", nccl),
        }, auto);
    }

    private static void Only(bool given, string option, ParallelStrategy applies, ParallelStrategy strategy, bool auto)
    {
        if (given && !auto && strategy != applies)
        {
            throw new CnnMemException($"{option} applies to --parallel {ParallelStrategies.Name(applies)}, not {ParallelStrategies.Name(strategy)}");
        }
    }

    private static bool Bool(string option, string text) =>
        text.Trim().ToLowerInvariant() switch
        {
            "true" or "on" => true,
            "false" or "off" => false,
            _ => throw new CnnMemException($"{option} expects true or false, found '{text}'"),
        };

    /// <summary>A whole number of elements, also written as 5e8.</summary>
    private static long Elements(string text)
    {
        if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 1 && v <= 1e15 && Math.Floor(v) == v)
        {
            return (long)v;
        }
        throw new CnnMemException($"--reduce-bucket-size expects a whole number of elements, e.g. 500000000 or 5e8, found '{text}'");
    }

    private static long Whole(string option, string text, string expected) =>
        long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= 1 && v <= 1_000_000
            ? v
            : throw new CnnMemException($"{option} expects {expected}, found '{text}'");
}
