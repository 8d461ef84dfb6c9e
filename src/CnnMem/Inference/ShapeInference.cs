using System.Collections.Immutable;
using System.Runtime.InteropServices;
using CnnMem.Core;
using CnnMem.Graphs;

namespace CnnMem.Inference;

/// <summary>
/// Infers every tensor's dtype and shape, walking nodes in topological order.
/// 1. Bind the graph inputs' symbolic dims (an imported file's fixed batch is the batch symbol's default);
///    an unbound symbol is an error naming input and symbol.
/// 2. Seed the tensor table with inputs and initializers (re-typed to the analysis float dtype).
/// 3. For each node, call its op rule (<see cref="GraphWalk"/>). An op without a rule fails, or with AllowUnknown becomes a
///    warning and unknown outputs; a rule's complaint fails with the node's name and location. A failure does not stop
///    the walk: every node's error is collected, nodes reading a failed output are counted but not inferred, and all the
///    errors are thrown together at the end (<see cref="InferenceErrors"/>).
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
        catch (CnnMemException e) when (RuleFailed(e) && FixedBatchHint(graph, options) is { Length: > 0 } hint && RunsAtFileBatch(graph, options))
        {
            // the same model runs at the batch its file fixed: the other batch is what breaks it (a constant baked in)
            throw new CnnMemException(e.Message + hint, e.InnerException!);
        }
    }

    /// <summary>Whether an op rule's complaint is among the causes (not only ops without a rule).</summary>
    private static bool RuleFailed(CnnMemException e) =>
        e.InnerException is OpException ||
        (e.InnerException is AggregateException all && all.InnerExceptions.Any(x => x.InnerException is OpException));

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
        var inputs = BindInputs(graph, options);
        var walk = new GraphWalk(graph, options, inputs);
        var nodes = walk.Run();
        return new InferenceResult(graph, inputs, walk.Tensors.AsReadOnly(), ImmutableCollectionsMarshal.AsImmutableArray(nodes), walk.Warnings)
        {
            UnknownOps = walk.UnknownOps,
            FrozenParams = Trainability.Frozen(graph, nodes, options.Freeze),
        };
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

    internal static TensorInfo Retype(TensorInfo t, DType? floatDType) =>
        floatDType is { } f && DTypes.IsFloat(t.DType) && t.DType != f ? t with { DType = f, Value = null } : t;
}
