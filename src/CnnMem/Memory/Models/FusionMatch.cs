using CnnMem.Core;
using CnnMem.Inference;
using CnnMem.Ops.Fusion;

namespace CnnMem.Memory.Models;

/// <summary>
/// One attempt to match a <see cref="FusionPattern"/> at an anchor node (<see cref="Try"/>), over the inference
/// result's <see cref="TensorIndex"/>: each step in order binds a node (or, when optional and absent, is skipped), and
/// the pattern's tensor conditions hold. Reused for every attempt on one graph.
/// </summary>
internal sealed class FusionMatch
{
    private readonly InferenceResult _inference;
    private readonly TensorIndex _index;
    private FusionPattern? _pattern;
    private int[] _bound = [];

    internal FusionMatch(InferenceResult inference)
    {
        _inference = inference;
        _index = inference.TensorIndex;
    }

    /// <summary>Per step of the last pattern tried, the node index it bound; -1 for a skipped optional step.</summary>
    internal ReadOnlySpan<int> Bound => _bound;

    /// <summary>Whether the anchor's two inputs were taken in swapped order.</summary>
    internal bool Swapped { get; private set; }

    /// <summary>The matched node last in graph order: the fused op's output (every other node feeds it).</summary>
    internal int Last => _bound.Max();

    internal bool Try(FusionPattern pattern, int anchor, bool swapped)
    {
        _pattern = pattern;
        Swapped = swapped;
        if (_bound.Length != pattern.Steps.Length)
        {
            _bound = new int[pattern.Steps.Length];
        }
        Array.Fill(_bound, -1);
        for (var k = 0; k < pattern.Steps.Length; k++)
        {
            var step = pattern.Steps[k];
            var node = step.Kind == FusionStepKind.Anchor ? anchor : Find(step);
            if (node >= 0 && Holds(step, node))
            {
                _bound[k] = node;
            }
            else if (!step.Optional)
            {
                return false;
            }
        }
        return pattern.Same.All(s => Name(s.A) is { } a && a == Name(s.B))
            && pattern.Initializers.All(r => Name(r) is { } t && _inference.Graph.Initializers.ContainsKey(t))
            && pattern.Stats.All(s => !s.DropLastAxis || Info(s.ShapeOf) is { Shape: { IsFullyKnown: true, Rank: >= 1 } });
    }

    /// <summary>The name of the tensor <paramref name="r"/> refers to; null when the node has no such input or output.</summary>
    internal string? Name(TensorRef r)
    {
        var step = _pattern!.StepOf(r.Label);
        if (_bound[step] is var node and >= 0)
        {
            var n = _inference.Nodes[node].Node;
            var index = step == 0 && Swapped && !r.IsOutput && r.Index < 2 ? 1 - r.Index : r.Index;
            var names = r.IsOutput ? n.Outputs : n.Inputs;
            return index < names.Length ? names[index] : null;
        }
        return Name(_pattern.Steps[step].At); // a skipped step is a wire
    }

    /// <summary>A statistic the fused op keeps, named and shaped as its pattern says.</summary>
    internal TensorInfo Stat(FusionStat s)
    {
        var shape = Info(s.ShapeOf)!.Shape;
        var name = $"{_inference.Nodes[_bound[_pattern!.StepOf(s.NamedAfter)]].Node.Name}.{s.Suffix}";
        return new TensorInfo(name, s.DType, s.DropLastAxis ? Shape.Of(shape.ToLongs()[..^1]) : shape);
    }

    private TensorInfo? Info(TensorRef r)
    {
        var step = _pattern!.StepOf(r.Label);
        if (_bound[step] is not (var node and >= 0))
        {
            return Info(_pattern.Steps[step].At);
        }
        var n = _inference.Nodes[node];
        var index = step == 0 && Swapped && !r.IsOutput && r.Index < 2 ? 1 - r.Index : r.Index;
        return r.IsOutput ? (index < n.Outputs.Length ? n.Outputs[index] : null) : (index < n.Inputs.Length ? n.Inputs[index] : null);
    }

    /// <summary>The node the step finds from its tensor: the producer, or the only reader; -1 when none.</summary>
    private int Find(FusionStep step)
    {
        if (Name(step.At) is not { Length: > 0 } tensor)
        {
            return -1;
        }
        if (step.Kind == FusionStepKind.Producer)
        {
            return _index.Producer(tensor);
        }
        var readers = _index.Readers(tensor);
        if (readers.Length != 1)
        {
            return -1;
        }
        var reader = readers[0];
        var inputs = _inference.Nodes[reader].Node.Inputs;
        return step.AtInput is not { } k || (k < inputs.Length && inputs[k] == tensor) ? reader : -1;
    }

    private bool Holds(FusionStep step, int node)
    {
        var n = _inference.Nodes[node];
        return step.Ops.Contains(n.Node.Op)
            && (step.Arity is not { } arity || n.Node.Inputs.Length == arity)
            && (!step.OutputReadOnce || (n.Node.Outputs.Length > 0 && _index.ReaderCount(n.Node.Outputs[0]) == 1))
            && (step.MinKnownRank is not { } rank || (n.Outputs.Length > 0 && n.Outputs[0].Shape is { IsFullyKnown: true } s && s.Rank >= rank))
            && (step.Requires is not { } requires || requires(n.Node, n.Inputs));
    }
}
