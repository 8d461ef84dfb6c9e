using System.Collections.Immutable;
using CnnMem.Core;

namespace CnnMem.Graphs;

/// <summary>
/// An imported network: graph inputs (with symbolic dims such as the batch <c>N</c>), initializers,
/// nodes and graph outputs (<see cref="Initializers"/> is any read-only map: the ONNX importer gives a hashed one,
/// as an immutable tree costs much more to build and read for 100,000 weights). Immutable; analysis results never live here. Build it with
/// <see cref="GraphValidator.Validate(ModelGraph)"/>, which checks references and orders the nodes.
/// </summary>
internal sealed record ModelGraph(
    string Name,
    ImmutableArray<TensorInfo> Inputs,
    IReadOnlyDictionary<string, Initializer> Initializers,
    ImmutableArray<Node> Nodes,
    ImmutableArray<string> Outputs)
{
    /// <summary>The symbol that <c>--batch</c> binds (the first input's leading symbolic dim, usually "N").</summary>
    public string? BatchSymbol { get; init; }

    /// <summary>
    /// The batch size the file fixed (an ONNX export without a dynamic batch axis), whose leading dim the
    /// importer replaced by <see cref="BatchSymbol"/> so another batch can be analysed; null when the file's
    /// batch was already symbolic.
    /// </summary>
    public long? DefaultBatch { get; init; }

    /// <summary>How shapes are presented to the user.</summary>
    public DisplayLayout Layout { get; init; } = DisplayLayout.ChannelsFirst;

    /// <summary>Shapes the file declares for tensors (graph outputs, value_info); used only to cross-check inference.</summary>
    public IReadOnlyDictionary<string, TensorInfo> DeclaredShapes { get; init; } = ImmutableDictionary<string, TensorInfo>.Empty;

    /// <summary>Default opset version of the ai.onnx domain (0 when not an ONNX model).</summary>
    public long OpsetVersion { get; init; }

    /// <summary>Where the model came from (a file path, or "built-in").</summary>
    public string Source { get; init; } = "";

    /// <summary>Whether non-learned float state counts as (non-trainable) parameters, as in Keras.</summary>
    public ParamConvention ParamConvention { get; init; } = ParamConvention.BuffersApart;

    /// <summary>
    /// Parameters the file marks as frozen (PyTorch's <c>requires_grad=False</c>, carried by cnnmem's Python package in the
    /// ONNX metadata <c>cnnmem.frozen_params</c>): no gradient, no optimizer state. <c>--freeze</c>/<c>--trainable</c> apply after it.
    /// </summary>
    public ImmutableHashSet<string> FrozenParams { get; init; } = ImmutableHashSet<string>.Empty;

    /// <summary>Warnings the importer raised (e.g. pooling that drops rows in the spec).</summary>
    public ImmutableArray<string> ImportWarnings { get; init; } = ImmutableArray<string>.Empty;
}
