using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Graphs;

namespace CnnMem.Ops.Fusion;

/// <summary>
/// One node of a fusion pattern: bound to <see cref="Label"/>, found (<see cref="Kind"/>) from tensor <see cref="At"/>,
/// one of the op types <see cref="Ops"/>, and every condition below. An optional step that finds no such node is skipped
/// and its tensors are <see cref="At"/> (a wire); a required one fails the match. Steps are tried in order, without
/// backtracking: an optional step that matches stays matched.
/// </summary>
internal sealed record FusionStep(string Label, FusionStepKind Kind, ImmutableArray<string> Ops)
{
    /// <summary>The bound tensor the step starts from: an input of a bound node (producer) or an output (sole reader).</summary>
    public TensorRef At { get; init; }

    /// <summary>Whether the match goes on without this node.</summary>
    public bool Optional { get; init; }

    /// <summary>The node has exactly this many inputs (absent ones included).</summary>
    public int? Arity { get; init; }

    /// <summary>A sole reader reads the tensor at this input.</summary>
    public int? AtInput { get; init; }

    /// <summary>The node's output 0 is read by exactly one node input in the graph (the node it feeds).</summary>
    public bool OutputReadOnce { get; init; }

    /// <summary>The node's output 0 has a fully known shape of at least this rank.</summary>
    public int? MinKnownRank { get; init; }

    /// <summary>A condition the op's rule declares on the node's attributes and inputs (a Pad that fills with zeros).</summary>
    public Func<Node, IReadOnlyList<TensorInfo?>, bool>? Requires { get; init; }

    /// <summary>The node every match starts from.</summary>
    public static FusionStep Anchor(string label, params string[] ops) => new(label, FusionStepKind.Anchor, [.. ops]);

    /// <summary>The node producing tensor <paramref name="at"/>.</summary>
    public static FusionStep ProducerOf(string label, TensorRef at, params string[] ops) => new(label, FusionStepKind.Producer, [.. ops]) { At = at };

    /// <summary>The only node reading tensor <paramref name="at"/>.</summary>
    public static FusionStep ReaderOf(string label, TensorRef at, params string[] ops) => new(label, FusionStepKind.SoleReader, [.. ops]) { At = at };
}
