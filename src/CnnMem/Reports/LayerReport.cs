using System.Collections.Immutable;

namespace CnnMem.Reports;

/// <summary>
/// One row of the per-layer table: a node's output, parameters and cost, for the whole batch.
/// Shapes are stored channels-first; renderers show them in the report's display layout.
/// </summary>
public sealed record LayerReport(
    string Name,
    string Op,
    ImmutableArray<TensorReport> Outputs,
    long Params,
    long TrainableParams,
    long BufferElements,
    long Macs,
    bool InTextbookSum)
{
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
