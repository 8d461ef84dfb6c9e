namespace CnnMem.Memory.Models;

/// <summary>How a profile sizes a convolution's kernel workspace.</summary>
internal enum ConvWorkspaceModel
{
    /// <summary>PyTorch's CPU convolutions: oneDNN's blocked copies or the native im2col buffer, chosen as PyTorch 1.13 chooses.</summary>
    OneDnnOrIm2Col,

    /// <summary>cuDNN with <c>benchmark</c> off: the workspace of the algorithm its heuristics rank first, within the limit.</summary>
    Cudnn,
}
