namespace CnnMem.Memory.Parallel;

/// <summary>Names of <see cref="ParallelStrategy"/> values as the command line and the JSON write them.</summary>
internal static class ParallelStrategies
{
    public static string Name(ParallelStrategy s) => s.ToString().ToLowerInvariant();

    public static IEnumerable<string> Names => Enum.GetValues<ParallelStrategy>().Select(Name);

    public static bool TryParse(string text, out ParallelStrategy strategy)
    {
        foreach (var s in Enum.GetValues<ParallelStrategy>())
        {
            if (string.Equals(Name(s), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                strategy = s;
                return true;
            }
        }
        strategy = default;
        return false;
    }

    /// <summary>The strategy as its users call it, in titles ("DDP", "DeepSpeed ZeRO-3", "FSDP2 full shard").</summary>
    public static string Title(ParallelStrategy s) => s switch
    {
        ParallelStrategy.Ddp => "DDP",
        ParallelStrategy.Zero1 => "DeepSpeed ZeRO-1",
        ParallelStrategy.Zero2 => "DeepSpeed ZeRO-2",
        ParallelStrategy.Zero3 => "DeepSpeed ZeRO-3",
        ParallelStrategy.Fsdp => "FSDP2 full shard",
        _ => Name(s),
    };

    /// <summary>Strategies that shard the optimizer state over the devices.</summary>
    public static bool ShardsOptimizerState(ParallelStrategy s) => s != ParallelStrategy.Ddp;
}
