using CnnMem.Core;

namespace CnnMem.Graphs;

/// <summary>
/// A constant tensor stored with the model (weights, biases, statistics, shape constants).
/// Only name, dtype and shape are needed; <see cref="TensorInfo.Value"/> is set for small integer
/// tensors whose contents drive shape computation.
/// </summary>
internal sealed record Initializer(TensorInfo Tensor)
{
    public string Name => Tensor.Name;
}
