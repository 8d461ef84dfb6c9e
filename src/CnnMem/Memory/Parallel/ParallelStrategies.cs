using CnnMem.Core;

namespace CnnMem.Memory.Parallel;

/// <summary>Names of <see cref="ParallelStrategy"/> values as the command line and the JSON write them.</summary>
internal static class ParallelStrategies
{
    private static readonly NameTable<ParallelStrategy> Table = NameTable<ParallelStrategy>.Lowercase();

    public static string Name(ParallelStrategy s) => Table.Name(s);

    public static IEnumerable<string> Names => Table.ValueNames;

    public static bool TryParse(string text, out ParallelStrategy strategy) => Table.TryParse(text, out strategy);

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
}
