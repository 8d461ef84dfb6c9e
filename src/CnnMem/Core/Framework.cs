namespace CnnMem;

/// <summary>Whose memory semantics the framework model follows; with a <see cref="Backend"/> it picks a framework profile.</summary>
public enum Framework
{
    /// <summary>PyTorch 1.13: zero_grad keeps gradients, single-tensor optimizers, AccumulateGrad steals the first gradient.</summary>
    PyTorch113,

    /// <summary>PyTorch 2.x (measured: 2.11): zero_grad sets gradients to None, multi-tensor (foreach) optimizers on CUDA, fused attention.</summary>
    PyTorch2,
}
