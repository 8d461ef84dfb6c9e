namespace CnnMem.Memory.Storages;

/// <summary>One block of memory; several tensors (views, in-place results) may share it.</summary>
/// <param name="Id">Index in <see cref="StorageGraph.Storages"/>.</param>
/// <param name="Name">The first tensor that lives in it.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Kind">What it holds.</param>
/// <param name="Producer">The node that allocates it, or -1 when it exists before the step.</param>
internal sealed record Storage(int Id, string Name, long Bytes, StorageKind Kind, int Producer)
{
    /// <summary>True for blocks allocated during a step (not part of the static baseline).</summary>
    public bool IsTransient => Kind is StorageKind.Activation or StorageKind.SavedExtra;
}
