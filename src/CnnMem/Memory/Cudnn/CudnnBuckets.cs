namespace CnnMem.Memory.Cudnn;

/// <summary>
/// The buckets the table groups sizes into: the next power of two at or above the batch, and at or above the input's
/// spatial elements (H x W). cuDNN's heuristics choose by size, so a row applies only to sizes of its own bucket; within
/// one, <see cref="CudnnWorkspaceTable.Lookup"/> scales by elements. Batches 1, 8, 32 are their own buckets.
/// </summary>
internal static class CudnnBuckets
{
    public static long Of(long value)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "a bucketed size is at least 1");
        }
        long b = 1;
        while (b < value)
        {
            b = checked(b * 2);
        }
        return b;
    }
}
