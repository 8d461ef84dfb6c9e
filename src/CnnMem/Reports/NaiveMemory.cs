namespace CnnMem.Reports;

/// <summary>
/// The textbook method (the classic answer, CS231n): sum every layer's output, multiply by the dtype
/// size, and for training add the gradients of those activations, the weights, their gradients and
/// the optimizer's state. Each part is separate so readers can see where the total comes from.
/// </summary>
public sealed record NaiveMemory(
    long ActivationBytesPerSample,
    long ActivationBytes,
    long ActivationGradientBytes,
    long WeightBytes,
    long WeightGradientBytes,
    int OptimizerSlots,
    long OptimizerStateBytes)
{
    /// <summary>Inference by the textbook: weights plus every activation.</summary>
    public long InferenceBytes => checked(WeightBytes + ActivationBytes);

    /// <summary>Training by the textbook: activations, their gradients, weights, weight gradients, optimizer state.</summary>
    public long TrainingBytes => checked(ActivationBytes + ActivationGradientBytes + WeightBytes + WeightGradientBytes + OptimizerStateBytes);
}
