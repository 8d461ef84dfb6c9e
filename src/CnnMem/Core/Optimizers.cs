namespace CnnMem.Core;

/// <summary>Names of <see cref="Optimizer"/> values and the one parser of <c>--optimizer</c> (what each holds: <see cref="OptimizerProfiles"/>).</summary>
internal static class Optimizers
{
    public static string Name(Optimizer o) => o.ToString().ToLowerInvariant();

    public static IEnumerable<string> Names => Enum.GetValues<Optimizer>().Select(Name);

    public static bool TryParse(string text, out Optimizer optimizer)
    {
        foreach (var o in Enum.GetValues<Optimizer>())
        {
            if (string.Equals(Name(o), text, StringComparison.OrdinalIgnoreCase))
            {
                optimizer = o;
                return true;
            }
        }
        if (string.Equals(text, "sgd_momentum", StringComparison.OrdinalIgnoreCase))
        {
            optimizer = Optimizer.Momentum;
            return true;
        }
        optimizer = default;
        return false;
    }

    /// <summary>An optimizer's name (case-insensitive, or <c>sgd_momentum</c>), or an error naming every accepted one.</summary>
    public static Optimizer Parse(string text) => TryParse(text, out var o)
        ? o
        : throw new CnnMemException($"unknown optimizer '{text}'; expected one of: {string.Join(", ", Names)}");
}
