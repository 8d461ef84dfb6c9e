using System.Collections.Immutable;
using System.Runtime.InteropServices;
using CnnMem.Core;
using CnnMem.Graphs;
using CnnMem.Ops;

namespace CnnMem.Inference;

/// <summary>
/// One walk of <see cref="ShapeInference"/> over the nodes in topological order: the tensor table, the warnings, the
/// parameters charged so far and the errors collected (<see cref="InferenceErrors"/>).
/// </summary>
internal sealed class GraphWalk
{
    private readonly ModelGraph _graph;
    private readonly InferenceOptions _options;
    private readonly Dictionary<string, TensorInfo> _tensors;
    private readonly ImmutableArray<string>.Builder _warnings = ImmutableArray.CreateBuilder<string>();
    private readonly Charges _charges;
    private readonly SortedSet<string> _unknownOps = new(StringComparer.Ordinal);
    private readonly List<ParamSpec> _scratch = [];
    private readonly InferenceErrors _errors = new();

    /// <summary>Seeds the tensor table with the bound inputs and the initializers (re-typed to the analysis float dtype).</summary>
    public GraphWalk(ModelGraph graph, InferenceOptions options, ImmutableArray<TensorInfo> inputs)
    {
        _graph = graph;
        _options = options;
        _tensors = new Dictionary<string, TensorInfo>(graph.Inputs.Length + graph.Initializers.Count + graph.Nodes.Length, StringComparer.Ordinal);
        _warnings.AddRange(graph.ImportWarnings);
        foreach (var i in inputs)
        {
            _tensors[i.Name] = i;
        }
        // the graph's immutable dictionary is a tree, searched for every input of every node: a hash table of the initializers
        // not yet charged instead (one pass over the tree fills both tables)
        _charges = new Charges(graph);
        foreach (var (name, init) in graph.Initializers)
        {
            _tensors[init.Name] = ShapeInference.Retype(init.Tensor, options.FloatDType);
            _charges.AddInitializer(name);
        }
    }

    public Dictionary<string, TensorInfo> Tensors => _tensors;

    public ImmutableArray<string> Warnings => _warnings.ToImmutable();

    public ImmutableArray<string> UnknownOps => _unknownOps.ToImmutableArray();

    /// <summary>Infers every node; throws the errors collected on the way (<see cref="InferenceErrors.ThrowIfAny"/>).</summary>
    public NodeInference[] Run()
    {
        var nodes = new NodeInference[_graph.Nodes.Length];
        for (var index = 0; index < nodes.Length; index++)
        {
            nodes[index] = Step(_graph.Nodes[index], index > 0 ? nodes[index - 1] : null);
        }
        _errors.ThrowIfAny();
        return nodes;
    }

    private NodeInference Step(Node node, NodeInference? previous)
    {
        var insArray = Inputs(node, previous);
        var ins = ImmutableCollectionsMarshal.AsImmutableArray(insArray);
        if (_errors.ReadsFailed(node))
        {
            // its inputs are unknown because of an error upstream: the rule would only repeat it
            _errors.Skip(node);
            return Unknown(node, ins);
        }
        var rule = _options.Registry.Find(node.Domain, node.Op);
        var result = rule is null ? Unsupported(node) : Infer(node, rule, insArray);
        if (result is null)
        {
            return Unknown(node, ins);
        }
        if (node.ParamScope is { } scope && scope != node.Name)
        {
            result = result with { Params = Rescope(result.Params, node.Name, scope) };
        }
        Record(node, result);
        return new NodeInference(node, ins, result, ChargeParams(insArray, result)) { IsUnknownOp = rule is null };
    }

    /// <summary>An op without a rule: an error, or with AllowUnknown a warning (once per op type) and unknown outputs.</summary>
    private OpResult? Unsupported(Node node)
    {
        var what = node.Domain.Length == 0 ? $"op type '{node.Op}'" : $"op type '{node.Op}' (domain '{node.Domain}')";
        if (!_options.AllowUnknown)
        {
            _errors.Fail(node, $"{node.Describe()}: {what} is not supported; run 'cnnmem ops' for the list, or pass --allow-unknown to treat its outputs as unknown");
            return null;
        }
        if (_unknownOps.Add(node.Domain.Length == 0 ? node.Op : $"{node.Domain}:{node.Op}"))
        {
            _warnings.Add($"{what} is not supported: its outputs are unknown and totals are lower bounds");
        }
        return UnknownResult(node);
    }

    /// <summary>The rule's result; null when it failed (the error is collected).</summary>
    private OpResult? Infer(Node node, IOpRule rule, TensorInfo?[] ins)
    {
        try
        {
            return rule.Infer(new OpContext(node, ins, _graph.OpsetVersion));
        }
        catch (OpException e) when (_options.AllowUnknown && ins.Any(i => i is not null && !i.Shape.IsFullyKnown))
        {
            _ = e; // an unknown tensor upstream made this node's shape unknowable too
            return UnknownResult(node);
        }
        catch (OpException e)
        {
            _errors.Fail(node, $"{node.Describe()}: {e.Message}", e);
        }
        catch (OverflowException e)
        {
            _errors.Fail(node, $"{node.Describe()}: a size overflows 64 bits", e);
        }
        return null;
    }

    /// <summary>A node that failed or reads a failed output: unknown outputs in the table, so later nodes can look them up.</summary>
    private NodeInference Unknown(Node node, ImmutableArray<TensorInfo?> ins)
    {
        var result = UnknownResult(node);
        foreach (var o in result.Outputs)
        {
            _tensors[o.Name] = o;
        }
        return new NodeInference(node, ins, result, ImmutableArray<ParamSpec>.Empty);
    }

    /// <summary>Enters the outputs in the table, comparing them with the shapes the file declares, and the rule's warnings.</summary>
    private void Record(Node node, OpResult result)
    {
        foreach (var o in result.Outputs)
        {
            _tensors[o.Name] = o;
            if (_graph.DeclaredShapes.TryGetValue(o.Name, out var declared))
            {
                CheckDeclared(node, o, declared);
            }
        }
        foreach (var w in result.Warnings)
        {
            _warnings.Add($"{node.Name}: {w}");
        }
    }

    /// <summary>
    /// The node's inputs as inferred. The rule reads this array itself (an immutable array would be boxed for its
    /// IReadOnlyList) and nothing writes to it, so a node reading only the one output of the node before it (an
    /// activation after a convolution) shares that node's output array.
    /// </summary>
    private TensorInfo?[] Inputs(Node node, NodeInference? previous)
    {
        if (node.Inputs.Length == 0)
        {
            return [];
        }
        if (node.Inputs.Length == 1 && node.Inputs[0].Length > 0 && previous is { Outputs: [var only] } &&
            ReferenceEquals(_tensors[node.Inputs[0]], only))
        {
            return ImmutableCollectionsMarshal.AsArray(previous.Outputs)!;
        }
        var ins = new TensorInfo?[node.Inputs.Length];
        for (var i = 0; i < ins.Length; i++)
        {
            var n = node.Inputs[i];
            ins[i] = n.Length == 0 ? null : _tensors[n];
        }
        return ins;
    }

    private static OpResult UnknownResult(Node node) =>
        new(node.Outputs.Where(o => o.Length > 0).Select(o => new TensorInfo(o, DType.Float32, Shape.Unranked)).ToImmutableArray())
        {
            CountsInTextbookSum = false,
        };

    /// <summary>Renames a rule's own parameters from <c>{node}.x</c> to <c>{scope}.x</c>, so nodes of one shared layer share them.</summary>
    private static ImmutableArray<ParamSpec> Rescope(ImmutableArray<ParamSpec> prms, string node, string scope) =>
        prms.Select(p => p.Name.StartsWith(node + ".", StringComparison.Ordinal) ? p with { Name = scope + p.Name[node.Length..] } : p).ToImmutableArray();

    private ImmutableArray<ParamSpec> ChargeParams(TensorInfo?[] ins, OpResult result)
    {
        // most nodes charge nothing, and those that do one or two parameters: collected in one list for all nodes, then copied
        _scratch.Clear();
        for (var i = 0; i < ins.Length; i++)
        {
            var t = ins[i];
            if (t is null || !DTypes.IsFloat(t.DType) || !_charges.ChargeInitializer(t.Name))
            {
                continue;
            }
            var role = result.BufferInputs.Contains(i) ? ParamRole.Buffer : ParamRole.Weight;
            _scratch.Add(new ParamSpec(t.Name, t.Shape, t.DType, role));
        }
        foreach (var p in result.Params)
        {
            if (_charges.Add(p.Name))
            {
                _scratch.Add(p);
            }
        }
        return _scratch.Count == 0 ? ImmutableArray<ParamSpec>.Empty : ImmutableCollectionsMarshal.AsImmutableArray(_scratch.ToArray());
    }

    private void CheckDeclared(Node node, TensorInfo inferred, TensorInfo declared)
    {
        if (!declared.Shape.IsRanked || !inferred.Shape.IsRanked)
        {
            return;
        }
        var d = declared.Shape.Bind(_options.Bindings);
        var agree = d.Rank == inferred.Shape.Rank &&
            d.Zip(inferred.Shape).All(p => !p.First.IsKnown || !p.Second.IsKnown || p.First.Value == p.Second.Value);
        if (!agree)
        {
            _warnings.Add($"{node.Name}: tensor '{inferred.Name}' is declared as {d} but inferred as {inferred.Shape}");
        }
    }
}
