namespace CnnMem.Memory.Cudnn;

/// <summary>
/// One measured row: the key, the sizes it was measured at (batch, and the input's spatial elements) and the bytes the
/// call allocated above its inputs and result (the workspace and any copies the kernel made).
/// </summary>
internal sealed record CudnnWorkspaceEntry(CudnnConvKey Key, long Batch, long SpatialElements, long WorkspaceBytes)
{
    /// <summary>The elements the row was measured over (batch x spatial), the basis of scaling within a bucket.</summary>
    public long Elements => checked(Batch * SpatialElements);
}
