namespace CnnMem.Memory;

/// <summary>Whose memory semantics the framework model follows.</summary>
public enum Framework
{
    /// <summary>PyTorch 1.13: zero_grad keeps gradients, single-tensor optimizers, AccumulateGrad steals the first gradient.</summary>
    PyTorch113,
}
