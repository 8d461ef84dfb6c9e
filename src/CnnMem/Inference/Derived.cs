using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace CnnMem.Inference;

/// <summary>
/// What later stages derive from one inference result and read more than once (storage graphs, layer groups, the
/// textbook sum): each made once per (result, key) and kept as long as the result. Keyed by the result's identity (a
/// record copy made with <c>with</c> is another result); a value asked for from two threads at once is made once.
/// Only for pure functions of the result and the key.
/// </summary>
internal static class Derived
{
    private static readonly ConditionalWeakTable<InferenceResult, ConcurrentDictionary<object, Lazy<object>>> Table = new();

    internal static T Of<T>(InferenceResult inference, object key, Func<T> make)
        where T : class =>
        (T)Table.GetValue(inference, static _ => new())
            .GetOrAdd(key, _ => new Lazy<object>(() => make()))
            .Value;
}
