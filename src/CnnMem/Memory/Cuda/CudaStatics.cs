using CnnMem.Core;
using CnnMem.Inference;
using CnnMem.Memory.Allocators;
using CnnMem.Memory.Storages;

namespace CnnMem.Memory.Cuda;

/// <summary>
/// What the caching allocator holds before a step, in the order a process allocates it: the libraries' workspaces
/// (one cuBLAS workspace per thread that ran a matrix product, other first-use allocations), then the model's
/// parameters and buffers in the order the network first uses them (module construction order), then the input
/// batch and the labels (int64 class indices).
/// </summary>
internal static class CudaStatics
{
    /// <summary>Allocates them on <paramref name="allocator"/> (tensors that are not storages get ids counting down from <paramref name="nextId"/>, below every trace id); false when they alone do not fit.</summary>
    public static bool Allocate(IDeviceAllocator allocator, InferenceResult inference, StorageGraph g, MemoryOptions options, ref int nextId)
    {
        var profile = options.Profile;
        var ok = true;
        for (var h = 0; h < profile.BlasHandles; h++)
        {
            ok &= allocator.TryMalloc(nextId--, options.EffectiveBlasWorkspaceBytes);
        }
        ok &= allocator.TryMalloc(nextId--, profile.OtherLibraryBytes);
        var seen = new StorageSet(g.Storages.Length);
        foreach (var n in inference.Nodes)
        {
            foreach (var name in n.Node.Inputs)
            {
                ok &= Weight(allocator, g, name, seen);
            }
            foreach (var p in n.Params)
            {
                ok &= Weight(allocator, g, p.Name, seen);
            }
        }
        foreach (var s in g.Storages)
        {
            if (s.Kind is StorageKind.Input or StorageKind.Parameter or StorageKind.Buffer && seen.Add(s.Id))
            {
                ok &= allocator.TryMalloc(s.Id, s.Bytes);
            }
        }
        ok &= allocator.TryMalloc(nextId--, checked(g.LossRows * DTypes.SizeOf(DType.Int64)));
        return ok;
    }

    /// <summary>A parameter or buffer, the first time a node reads it (true when it fits, or is none).</summary>
    private static bool Weight(IDeviceAllocator allocator, StorageGraph g, string name, StorageSet seen) =>
        !g.TensorStorage.TryGetValue(name, out var id) || g.Storages[id].Kind is not (StorageKind.Parameter or StorageKind.Buffer) || !seen.Add(id) ||
        allocator.TryMalloc(id, g.Storages[id].Bytes);
}
