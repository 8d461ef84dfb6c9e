namespace CnnMem.Graphs;

/// <summary>How a source format counts parameters, so the report's figures match what its users see.</summary>
internal enum ParamConvention
{
    /// <summary>PyTorch and ONNX: running statistics are buffers, outside the parameter count.</summary>
    BuffersApart,

    /// <summary>
    /// Keras: every weight is a parameter, and state that is not learned (BatchNormalization's moving mean
    /// and variance) is a non-trainable parameter. Integer bookkeeping that Keras does not have (PyTorch's
    /// BatchNorm step counter, which the framework memory model still holds) is left out of the counts.
    /// </summary>
    NonTrainableWeights,
}
