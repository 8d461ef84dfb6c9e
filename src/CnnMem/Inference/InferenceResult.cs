using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Graphs;

namespace CnnMem.Inference;

/// <summary>The graph with every tensor's inferred type and shape. Immutable; the graph itself is untouched.</summary>
internal sealed record InferenceResult(
    ModelGraph Graph,
    ImmutableArray<TensorInfo> Inputs,
    IReadOnlyDictionary<string, TensorInfo> Tensors,
    ImmutableArray<NodeInference> Nodes,
    ImmutableArray<string> Warnings)
{
    /// <summary>Op types (domain:op) that no rule covers; non-empty only with --allow-unknown.</summary>
    public ImmutableArray<string> UnknownOps { get; init; } = ImmutableArray<string>.Empty;

    public IEnumerable<TensorInfo> Outputs => Graph.Outputs.Select(o => Tensors[o]);
}
