namespace CnnMem.Core;

/// <summary>Names of <see cref="Optimizer"/> values and the one parser of <c>--optimizer</c> (what each holds: <see cref="OptimizerProfiles"/>).</summary>
internal static class Optimizers
{
    // the alias sgd_momentum: what the oracle's scripts call it
    private static readonly NameTable<Optimizer> Table = NameTable<Optimizer>.Lowercase(("sgd_momentum", Optimizer.Momentum));

    public static string Name(Optimizer o) => Table.Name(o);

    public static IEnumerable<string> Names => Table.ValueNames;

    public static bool TryParse(string text, out Optimizer optimizer) => Table.TryParse(text, out optimizer);

    /// <summary>An optimizer's name (case-insensitive, or <c>sgd_momentum</c>), or an error naming every accepted one.</summary>
    public static Optimizer Parse(string text) => TryParse(text, out var o)
        ? o
        : throw new CnnMemException($"unknown optimizer '{text}'; expected one of: {string.Join(", ", Names)}");
}
