using System.Collections.Immutable;
using System.Runtime.InteropServices;
using CnnMem.Core;
using CnnMem.Graphs;
using CnnMem.Ops;

namespace CnnMem.Inference;

/// <summary>
/// Infers every tensor's dtype and shape, walking nodes in topological order.
/// 1. Bind the graph inputs' symbolic dims (an imported file's fixed batch is the batch symbol's default);
///    an unbound symbol is an error naming input and symbol.
/// 2. Seed the tensor table with inputs and initializers (re-typed to the analysis float dtype).
/// 3. For each node, call its op rule. An op without a rule fails, or with AllowUnknown becomes a
///    warning and unknown outputs; a rule's complaint fails with the node's name and location.
/// 4. Charge each float initializer to the first node that reads it (shared weights count once).
/// 5. Compare with shapes the file declares; a mismatch is a warning naming the tensor.
/// 6. Decide which parameters are frozen (<see cref="Trainability"/>).
/// 7. A failure at another batch than the one the file fixed names that batch as the likely cause only when the
///    model infers at the file's batch (so a wrong --dtype gets no batch hint).
/// </summary>
internal static class ShapeInference
{
    public static InferenceResult Run(ModelGraph graph, InferenceOptions options)
    {
        try
        {
            return Walk(graph, options);
        }
        catch (CnnMemException e) when (e.InnerException is OpException && FixedBatchHint(graph, options) is { Length: > 0 } hint && RunsAtFileBatch(graph, options))
        {
            // the same model runs at the batch its file fixed: the other batch is what breaks it (a constant baked in)
            throw new CnnMemException(e.Message + hint, e.InnerException);
        }
    }

    private static bool RunsAtFileBatch(ModelGraph graph, InferenceOptions options)
    {
        try
        {
            Walk(graph, options with { Bindings = options.Bindings.SetItem(graph.BatchSymbol!, graph.DefaultBatch!.Value) });
            return true;
        }
        catch (CnnMemException)
        {
            return false;
        }
    }

    private static InferenceResult Walk(ModelGraph graph, InferenceOptions options)
    {
        // A file that fixed its batch (rebound to a symbol by the importer) runs at that batch unless told otherwise.
        if (graph.DefaultBatch is { } fixedBatch && graph.BatchSymbol is { } batchSymbol && !options.Bindings.ContainsKey(batchSymbol))
        {
            options = options with { Bindings = options.Bindings.Add(batchSymbol, fixedBatch) };
        }
        var tensors = new Dictionary<string, TensorInfo>(graph.Inputs.Length + graph.Initializers.Count + graph.Nodes.Length, StringComparer.Ordinal);
        var warnings = ImmutableArray.CreateBuilder<string>();
        warnings.AddRange(graph.ImportWarnings);

        var inputs = BindInputs(graph, options);
        foreach (var i in inputs)
        {
            tensors[i.Name] = i;
        }
        // the graph's immutable dictionary is a tree, searched for every input of every node: a hash table of the initializers
        // not yet charged instead (one pass over the tree fills both tables)
        var charges = new Charges(graph);
        foreach (var (name, init) in graph.Initializers)
        {
            tensors[init.Name] = Retype(init.Tensor, options.FloatDType);
            charges.AddInitializer(name);
        }

        var unknownOps = new SortedSet<string>(StringComparer.Ordinal);
        var nodes = new NodeInference[graph.Nodes.Length];
        var scratch = new List<ParamSpec>();
        for (var index = 0; index < nodes.Length; index++)
        {
            var node = graph.Nodes[index];
            var insArray = Inputs(node, tensors, index > 0 ? nodes[index - 1] : null);
            var ins = ImmutableCollectionsMarshal.AsImmutableArray(insArray);
            var rule = options.Registry.Find(node.Domain, node.Op);
            OpResult result;
            var unknown = false;
            if (rule is null)
            {
                var what = node.Domain.Length == 0 ? $"op type '{node.Op}'" : $"op type '{node.Op}' (domain '{node.Domain}')";
                if (!options.AllowUnknown)
                {
                    throw new CnnMemException($"{node.Describe()}: {what} is not supported; run 'cnnmem ops' for the list, or pass --allow-unknown to treat its outputs as unknown");
                }
                if (unknownOps.Add(node.Domain.Length == 0 ? node.Op : $"{node.Domain}:{node.Op}"))
                {
                    warnings.Add($"{what} is not supported: its outputs are unknown and totals are lower bounds");
                }
                result = UnknownResult(node);
                unknown = true;
            }
            else
            {
                try
                {
                    result = rule.Infer(new OpContext(node, insArray, graph.OpsetVersion));
                }
                catch (OpException e) when (options.AllowUnknown && ins.Any(i => i is not null && !i.Shape.IsFullyKnown))
                {
                    _ = e; // an unknown tensor upstream made this node's shape unknowable too
                    result = UnknownResult(node);
                }
                catch (OpException e)
                {
                    throw new CnnMemException($"{node.Describe()}: {e.Message}", e);
                }
                catch (OverflowException e)
                {
                    throw new CnnMemException($"{node.Describe()}: a size overflows 64 bits", e);
                }
            }

            if (node.ParamScope is { } scope && scope != node.Name)
            {
                result = result with { Params = Rescope(result.Params, node.Name, scope) };
            }
            foreach (var o in result.Outputs)
            {
                tensors[o.Name] = o;
                if (graph.DeclaredShapes.TryGetValue(o.Name, out var declared))
                {
                    CheckDeclared(node, o, declared, options.Bindings, warnings);
                }
            }
            foreach (var w in result.Warnings)
            {
                warnings.Add($"{node.Name}: {w}");
            }
            nodes[index] = new NodeInference(node, ins, result, ChargeParams(insArray, result, charges, scratch)) { IsUnknownOp = unknown };
        }

        return new InferenceResult(graph, inputs, tensors.AsReadOnly(), ImmutableCollectionsMarshal.AsImmutableArray(nodes), warnings.ToImmutable())
        {
            UnknownOps = unknownOps.ToImmutableArray(),
            FrozenParams = Trainability.Frozen(graph, nodes, options.Freeze),
        };
    }

    /// <summary>
    /// The node's inputs as inferred. The rule reads this array itself (an immutable array would be boxed for its
    /// IReadOnlyList) and nothing writes to it, so a node reading only the one output of the node before it (an
    /// activation after a convolution) shares that node's output array.
    /// </summary>
    private static TensorInfo?[] Inputs(Node node, Dictionary<string, TensorInfo> tensors, NodeInference? previous)
    {
        if (node.Inputs.Length == 0)
        {
            return [];
        }
        if (node.Inputs.Length == 1 && node.Inputs[0].Length > 0 && previous is { Outputs: [var only] } &&
            ReferenceEquals(tensors[node.Inputs[0]], only))
        {
            return ImmutableCollectionsMarshal.AsArray(previous.Outputs)!;
        }
        var ins = new TensorInfo?[node.Inputs.Length];
        for (var i = 0; i < ins.Length; i++)
        {
            var n = node.Inputs[i];
            ins[i] = n.Length == 0 ? null : tensors[n];
        }
        return ins;
    }

    private static ImmutableArray<TensorInfo> BindInputs(ModelGraph graph, InferenceOptions options)
    {
        var list = ImmutableArray.CreateBuilder<TensorInfo>();
        foreach (var input in graph.Inputs)
        {
            var bound = input.Shape.Bind(options.Bindings);
            foreach (var d in bound)
            {
                if (d.IsSymbol)
                {
                    throw new CnnMemException($"input '{input.Name}' has a symbolic dimension '{d.Symbol}' with no value; set it with --dim {d.Symbol}=VALUE");
                }
                if (d.Value is <= 0)
                {
                    throw new CnnMemException($"input '{input.Name}' has a dimension of {d.Value}; every dimension must be at least 1");
                }
            }
            list.Add(Retype(input with { Shape = bound }, options.FloatDType));
        }
        return list.ToImmutable();
    }

    /// <summary>
    /// When an imported file fixed the batch (now rebound to a symbol) and another batch is analysed, a node failing
    /// where the file's own batch runs is most likely a constant the exporter baked that batch into (a Reshape target).
    /// </summary>
    private static string FixedBatchHint(ModelGraph graph, InferenceOptions options) =>
        graph.DefaultBatch is { } fixedBatch && graph.BatchSymbol is { } symbol &&
        options.Bindings.TryGetValue(symbol, out var batch) && batch != fixedBatch
            ? $" (the model was exported with a fixed batch of {fixedBatch}, which the exporter may have baked into constants; " +
              $"analyse it at --batch {fixedBatch}, or re-export it with a dynamic batch axis, e.g. torch.onnx.export(..., dynamic_axes={{'input': {{0: 'N'}}}}))"
            : "";

    private static TensorInfo Retype(TensorInfo t, DType? floatDType) =>
        floatDType is { } f && DTypes.IsFloat(t.DType) && t.DType != f ? t with { DType = f, Value = null } : t;

    private static OpResult UnknownResult(Node node) =>
        new(node.Outputs.Where(o => o.Length > 0).Select(o => new TensorInfo(o, DType.Float32, Shape.Unranked)).ToImmutableArray())
        {
            CountsInTextbookSum = false,
        };

    /// <summary>Renames a rule's own parameters from <c>{node}.x</c> to <c>{scope}.x</c>, so nodes of one shared layer share them.</summary>
    private static ImmutableArray<ParamSpec> Rescope(ImmutableArray<ParamSpec> prms, string node, string scope) =>
        prms.Select(p => p.Name.StartsWith(node + ".", StringComparison.Ordinal) ? p with { Name = scope + p.Name[node.Length..] } : p).ToImmutableArray();

    private static ImmutableArray<ParamSpec> ChargeParams(TensorInfo?[] ins, OpResult result, Charges charges, List<ParamSpec> scratch)
    {
        // most nodes charge nothing, and those that do one or two parameters: collected in one list for all nodes, then copied
        scratch.Clear();
        for (var i = 0; i < ins.Length; i++)
        {
            var t = ins[i];
            if (t is null || !DTypes.IsFloat(t.DType) || !charges.ChargeInitializer(t.Name))
            {
                continue;
            }
            var role = result.BufferInputs.Contains(i) ? ParamRole.Buffer : ParamRole.Weight;
            scratch.Add(new ParamSpec(t.Name, t.Shape, t.DType, role));
        }
        foreach (var p in result.Params)
        {
            if (charges.Add(p.Name))
            {
                scratch.Add(p);
            }
        }
        return scratch.Count == 0 ? ImmutableArray<ParamSpec>.Empty : ImmutableCollectionsMarshal.AsImmutableArray(scratch.ToArray());
    }

    private static void CheckDeclared(Node node, TensorInfo inferred, TensorInfo declared, IReadOnlyDictionary<string, long> bindings, ImmutableArray<string>.Builder warnings)
    {
        if (!declared.Shape.IsRanked || !inferred.Shape.IsRanked)
        {
            return;
        }
        var d = declared.Shape.Bind(bindings);
        var agree = d.Rank == inferred.Shape.Rank &&
            d.Zip(inferred.Shape).All(p => !p.First.IsKnown || !p.Second.IsKnown || p.First.Value == p.Second.Value);
        if (!agree)
        {
            warnings.Add($"{node.Name}: tensor '{inferred.Name}' is declared as {d} but inferred as {inferred.Shape}");
        }
    }
}
