namespace CnnMem.Core;

/// <summary>Names and state slots of <see cref="Optimizer"/> values.</summary>
internal static class Optimizers
{
    /// <summary>Per-parameter state tensors the optimizer keeps: none for SGD, the momentum buffer,
    /// Adam's two moments, RMSprop's square average, Adagrad's sum of squares.</summary>
    public static int StateSlots(Optimizer o) => o switch
    {
        Optimizer.Sgd => 0,
        Optimizer.Momentum => 1,
        Optimizer.Adam or Optimizer.AdamW => 2,
        Optimizer.RmsProp or Optimizer.Adagrad => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(o)),
    };

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
}
