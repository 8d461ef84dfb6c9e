namespace CnnMem.Reports;

/// <summary>Whole-network totals. Each equals the sum of the matching per-layer column (plus the input for activations).</summary>
public sealed record Totals
{
    /// <summary>Trainable and frozen parameters (weights, biases, normalization scale/shift); buffers excluded.</summary>
    public required long Params { get; init; }

    /// <summary>Parameters that receive gradients.</summary>
    public required long TrainableParams { get; init; }

    /// <summary>Non-learned state such as BatchNorm running mean and variance.</summary>
    public required long BufferElements { get; init; }

    /// <summary>Parameter bytes in the analysis dtype.</summary>
    public required long ParamBytes { get; init; }

    /// <summary>Buffer bytes.</summary>
    public required long BufferBytes { get; init; }

    /// <summary>The textbook sum for one sample: the input plus every counted layer output.</summary>
    public required long ActivationElementsPerSample { get; init; }

    /// <summary>The same for the whole batch.</summary>
    public required long ActivationElements { get; init; }

    /// <summary>Multiply-accumulates for the whole batch.</summary>
    public required long Macs { get; init; }

    /// <summary>Floating point operations: 2 x MACs plus other element operations.</summary>
    public required long Flops { get; init; }

    /// <summary>Parameters that are not trained (frozen weights).</summary>
    public long NonTrainableParams => Params - TrainableParams;

    /// <summary>True when unsupported ops make every total a lower bound.</summary>
    public bool IsLowerBound { get; init; }
}
