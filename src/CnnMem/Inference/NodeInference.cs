using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Graphs;
using CnnMem.Ops;

namespace CnnMem.Inference;

/// <summary>
/// One node after shape inference: its inputs and outputs as inferred, the rule's result, and the
/// parameters first charged to this node (initializers shared by several nodes are charged once).
/// </summary>
internal sealed record NodeInference(
    Node Node,
    ImmutableArray<TensorInfo?> Inputs,
    OpResult Result,
    ImmutableArray<ParamSpec> Params)
{
    /// <summary>True when no rule covers this op (only with --allow-unknown); outputs are then unknown.</summary>
    public bool IsUnknownOp { get; init; }

    /// <summary>True when an output could not be determined because of an unknown op upstream.</summary>
    public bool HasUnknownOutputs => Result.Outputs.Any(o => !o.Shape.IsFullyKnown);

    public ImmutableArray<TensorInfo> Outputs => Result.Outputs;
}
