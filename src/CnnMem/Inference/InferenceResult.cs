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

    /// <summary>Parameters that do not require a gradient (<see cref="Trainability"/>): the file's, Keras's frozen layers' and <c>--freeze</c>'s.</summary>
    public ImmutableHashSet<string> FrozenParams { get; init; } = ImmutableHashSet<string>.Empty;

    /// <summary>Whether the parameter receives a gradient: a weight (not a buffer) that nothing froze.</summary>
    public bool IsTrainable(Ops.ParamSpec p) => !p.IsBuffer && (FrozenParams.Count == 0 || !FrozenParams.Contains(p.Name));

    public IEnumerable<TensorInfo> Outputs => Graph.Outputs.Select(o => Tensors[o]);

    /// <summary>Each tensor's producer and readers (<see cref="Inference.TensorIndex"/>), built once per result for all its users.</summary>
    public TensorIndex TensorIndex =>
        Derived.Of(this, nameof(Inference.TensorIndex), () => TensorIndex.Of(Nodes.Select(n => n.Node).ToArray(), Graph.Outputs, Tensors.Count));
}
