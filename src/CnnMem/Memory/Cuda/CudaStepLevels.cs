namespace CnnMem.Memory.Cuda;

/// <summary>
/// What the caching allocator counted at each trace step of the replay's measured training step (the highest
/// allocated bytes while the step ran; -1 where the step made no request): forward steps 0..n-1 and the loss at n,
/// backward with the loss's gradient at n and node i at 2n - i, the optimizer at 2n + 1, with checkpointing node j's
/// re-run forward at 2n + 2 + j (in the backward's levels). Filled by
/// <see cref="CudaReplay.TrainingSteps"/>.
/// </summary>
internal sealed class CudaStepLevels
{
    public CudaStepLevels(int nodes)
    {
        Nodes = nodes;
        Forward = Empty((3 * nodes) + 2);
        Backward = Empty((3 * nodes) + 2);
        Step = Empty((3 * nodes) + 2);
    }

    /// <summary>The storage graph's node count (n).</summary>
    public int Nodes { get; }

    public long[] Forward { get; }

    public long[] Backward { get; }

    public long[] Step { get; }

    /// <summary>The checkpointed segments the measured backward re-ran, in order: before which node's backward, first and last node.</summary>
    public List<(int BeforeNode, int Start, int End)> Recomputations { get; } = new();

    /// <summary>Allocated bytes when the measured step began: static tensors, gradients and optimizer state.</summary>
    public long Baseline { get; set; }

    /// <summary>Allocated bytes of the static tensors and library workspaces alone.</summary>
    public long Statics { get; set; }

    private static long[] Empty(int length)
    {
        var a = new long[length];
        Array.Fill(a, -1L);
        return a;
    }
}
