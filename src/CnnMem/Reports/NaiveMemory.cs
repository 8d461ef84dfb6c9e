namespace CnnMem.Reports;

/// <summary>
/// The textbook method (the classic answer, CS231n): sum every layer's output, multiply by the dtype
/// size, and for training add the gradients of those activations, the weights, their gradients and
/// the optimizer's state. Each part is separate so readers can see where the total comes from.
/// </summary>
public sealed record NaiveMemory
{
    /// <summary>The textbook activation sum for one sample, bytes.</summary>
    public required long ActivationBytesPerSample { get; init; }

    /// <summary>The textbook activation sum for the whole batch, bytes.</summary>
    public required long ActivationBytes { get; init; }

    /// <summary>The gradients of those activations, bytes.</summary>
    public required long ActivationGradientBytes { get; init; }

    /// <summary>The parameters, bytes.</summary>
    public required long WeightBytes { get; init; }

    /// <summary>The parameters' gradients, bytes.</summary>
    public required long WeightGradientBytes { get; init; }

    /// <summary>The optimizer's state tensors per trainable parameter.</summary>
    public required int OptimizerSlots { get; init; }

    /// <summary>The optimizer's state, bytes.</summary>
    public required long OptimizerStateBytes { get; init; }

    /// <summary>Inference by the textbook: weights plus every activation.</summary>
    public long InferenceBytes => checked(WeightBytes + ActivationBytes);

    /// <summary>Training by the textbook: activations, their gradients, weights, weight gradients, optimizer state.</summary>
    public long TrainingBytes => checked(ActivationBytes + ActivationGradientBytes + WeightBytes + WeightGradientBytes + OptimizerStateBytes);
}
