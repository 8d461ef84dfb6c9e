using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CnnMem.Inference;

namespace CnnMem.Memory;

/// <summary>
/// The storage graphs of one inference result, each built once (<see cref="StorageGraphBuilder.Build"/> is a pure
/// function of the result, the options and the pass) and shared by every model that reads it: on CUDA the inference
/// and training models, their replays and the device view read the same two graphs. An entry lives as long as its
/// inference result; the training model may ask from another thread, so each graph is built under a lazy lock.
/// </summary>
internal static class StorageGraphs
{
    private static readonly ConditionalWeakTable<InferenceResult, ConcurrentDictionary<(MemoryOptions Options, bool Training), Lazy<StorageGraph>>> Cache = new();
    private static readonly ConditionalWeakTable<InferenceResult, ConcurrentDictionary<bool, Lazy<StorageFacts>>> FactsCache = new();

    internal static StorageGraph Of(InferenceResult inference, MemoryOptions options, bool training) =>
        Cache.GetValue(inference, static _ => new())
            .GetOrAdd((options, training), key => new Lazy<StorageGraph>(() => StorageGraphBuilder.Build(inference, key.Options, key.Training)))
            .Value;

    /// <summary>The facts both graphs of <paramref name="inference"/> read (<see cref="StorageFacts"/>), found once.</summary>
    internal static StorageFacts Facts(InferenceResult inference, bool fusedAttention) =>
        FactsCache.GetValue(inference, static _ => new())
            .GetOrAdd(fusedAttention, f => new Lazy<StorageFacts>(() => new StorageFacts(inference, f)))
            .Value;
}
