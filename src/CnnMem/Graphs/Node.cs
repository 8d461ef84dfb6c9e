using System.Collections.Immutable;

namespace CnnMem.Graphs;

/// <summary>
/// One operation in the graph. <see cref="Op"/> is a canonical op type (ONNX's names where ONNX has
/// the op, e.g. <c>Conv</c>, <c>MaxPool</c>; cnnmem's own for layer-level ops such as <c>Linear</c>).
/// <see cref="Inputs"/> and <see cref="Outputs"/> are tensor names; an empty name is an omitted
/// optional input. Inputs may name initializers (weights), which carry shapes but no data.
/// </summary>
internal sealed record Node(
    string Name,
    string Op,
    ImmutableArray<string> Inputs,
    ImmutableArray<string> Outputs,
    Attributes Attributes,
    string Domain = "",
    SourceRef? Source = null)
{
    /// <summary>False when the user froze this layer: its parameters count as non-trainable.</summary>
    public bool Trainable { get; init; } = true;

    /// <summary>True when the framework runs this op in place on its input (e.g. <c>ReLU(inplace=True)</c>).</summary>
    public bool InPlace { get; init; }

    /// <summary>The source layer this node is part of, when the importer groups nodes into layers (Keras); null otherwise.</summary>
    public LayerGroup? Layer { get; init; }

    /// <summary>
    /// The name a rule's own parameters are created under instead of the node's (<c>{scope}.weight</c>): nodes
    /// with the same scope share their parameters, which are counted once (a Keras layer called twice).
    /// </summary>
    public string? ParamScope { get; init; }

    /// <summary>A label for messages: name, op and where it came from.</summary>
    public string Describe() => Source is { } s ? $"{s}: layer '{Name}' ({Op})" : $"node '{Name}' ({Op})";
}
