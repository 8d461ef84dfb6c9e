namespace CnnMem.Memory.Cudnn;

/// <summary>The three cuDNN convolution calls, each with its own algorithm and workspace.</summary>
internal enum ConvDirection
{
    /// <summary><c>cudnnConvolutionForward</c>.</summary>
    Forward,

    /// <summary><c>cudnnConvolutionBackwardData</c>: the input's gradient.</summary>
    BackwardData,

    /// <summary><c>cudnnConvolutionBackwardFilter</c>: the weight's gradient.</summary>
    BackwardFilter,
}
