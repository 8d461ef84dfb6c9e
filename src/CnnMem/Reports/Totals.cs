namespace CnnMem.Reports;

/// <summary>Whole-network totals. Each equals the sum of the matching per-layer column (plus the input for activations).</summary>
/// <param name="Params">Trainable and frozen parameters (weights, biases, normalization scale/shift); buffers excluded.</param>
/// <param name="TrainableParams">Parameters that receive gradients.</param>
/// <param name="BufferElements">Non-learned state such as BatchNorm running mean and variance.</param>
/// <param name="ParamBytes">Parameter bytes in the analysis dtype.</param>
/// <param name="BufferBytes">Buffer bytes.</param>
/// <param name="ActivationElementsPerSample">The textbook sum for one sample: the input plus every counted layer output.</param>
/// <param name="ActivationElements">The same for the whole batch.</param>
/// <param name="Macs">Multiply-accumulates for the whole batch.</param>
/// <param name="Flops">Floating point operations: 2 x MACs plus other element operations.</param>
public sealed record Totals(
    long Params,
    long TrainableParams,
    long BufferElements,
    long ParamBytes,
    long BufferBytes,
    long ActivationElementsPerSample,
    long ActivationElements,
    long Macs,
    long Flops)
{
    /// <summary>Parameters that are not trained (frozen weights).</summary>
    public long NonTrainableParams => Params - TrainableParams;

    /// <summary>True when unsupported ops make every total a lower bound.</summary>
    public bool IsLowerBound { get; init; }
}
