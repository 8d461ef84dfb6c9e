using System.Collections.Immutable;

namespace CnnMem.Reports;

/// <summary>
/// One row of the per-layer table: a node's output, parameters and cost, for the whole batch.
/// Shapes are stored channels-first; renderers show them in the report's display layout.
/// </summary>
public sealed record LayerReport
{
    /// <summary>The node's name.</summary>
    public required string Name { get; init; }

    /// <summary>The node's op type.</summary>
    public required string Op { get; init; }

    /// <summary>The node's outputs.</summary>
    public required ImmutableArray<TensorReport> Outputs { get; init; }

    /// <summary>Trainable and frozen parameters the layer owns (weights, biases, normalization scale/shift); buffers excluded.</summary>
    public required long Params { get; init; }

    /// <summary>Parameters that receive gradients.</summary>
    public required long TrainableParams { get; init; }

    /// <summary>Non-learned state such as BatchNorm running mean and variance.</summary>
    public required long BufferElements { get; init; }

    /// <summary>Multiply-accumulates for the whole batch.</summary>
    public required long Macs { get; init; }

    /// <summary>Whether the layer's outputs count in the textbook activation sum.</summary>
    public required bool InTextbookSum { get; init; }

    /// <summary>The first output's shape (most layers have one output).</summary>
    public Shape OutputShape => Outputs.IsEmpty ? Shape.Scalar : Outputs[0].Shape;

    /// <summary>Elements of all outputs, or null when one is unknown.</summary>
    public long? OutputElements => Outputs.Aggregate((long?)0, (acc, o) => acc is { } a && o.Elements is { } e ? checked(a + e) : null);

    /// <summary>Bytes of all outputs, or null when one is unknown.</summary>
    public long? OutputBytes => Outputs.Aggregate((long?)0, (acc, o) => acc is { } a && o.Bytes is { } e ? checked(a + e) : null);

    /// <summary>Parameters that are not trained (frozen weights).</summary>
    public long NonTrainableParams => Params - TrainableParams;

    /// <summary>Where the layer was defined (spec file and line), when known.</summary>
    public string? Source { get; init; }

    /// <summary>True when the op is not supported and its outputs are unknown.</summary>
    public bool Unknown { get; init; }
}
