namespace CnnMem.Graphs;

/// <summary>How a source format counts parameters, so the report's figures match what its users see.</summary>
public enum ParamConvention
{
    /// <summary>PyTorch and ONNX: running statistics are buffers, outside the parameter count.</summary>
    BuffersApart,

    /// <summary>
    /// Keras: every weight is a parameter, and state that is not learned (BatchNormalization's moving mean
    /// and variance) is a non-trainable parameter. Integer bookkeeping (PyTorch's BatchNorm step counter,
    /// which the memory model still holds) stays a buffer.
    /// </summary>
    NonTrainableWeights,
}
