using System.Collections.Immutable;
using CnnMem.Graphs;

namespace CnnMem.Pipeline;

/// <summary>
/// Which batch a run analyses, and what the report says about it:
/// 1. <c>--dim SYMBOL=V</c> for the batch symbol is the batch (it must agree with <c>--batch</c> when both are given);
/// 2. else <c>--batch</c>;
/// 3. else the batch the file declares (a static ONNX batch is kept exactly as declared);
/// 4. else the caller's default (64 for built-ins, 1 for files with a symbolic batch).
/// A <c>--dim</c> name the model's inputs do not have is an error listing the names they do have.
/// </summary>
internal static class BatchChoice
{
    public static long Resolve(ModelGraph graph, long? requested, ImmutableDictionary<string, long> dims, long fallback)
    {
        CheckDimNames(graph, dims);
        if (graph.BatchSymbol is { } symbol && dims.TryGetValue(symbol, out var fromDim))
        {
            if (requested is { } b && b != fromDim)
            {
                throw new CnnMemException($"--dim {symbol}={fromDim} sets the batch, which --batch gives as {b}; give one of them");
            }
            return fromDim;
        }
        return requested ?? graph.DefaultBatch ?? fallback;
    }

    /// <summary>Every <c>--dim</c> name must be a symbolic dimension of some graph input.</summary>
    public static void CheckDimNames(ModelGraph graph, ImmutableDictionary<string, long> dims)
    {
        if (dims.IsEmpty)
        {
            return;
        }
        var names = Symbols(graph);
        var unknown = dims.Keys.Where(k => !names.Contains(k)).OrderBy(k => k, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            var has = names.Count == 0
                ? "its inputs have no named dimensions"
                : $"its inputs' named dimensions are: {string.Join(", ", names.Select(n => n == graph.BatchSymbol ? $"{n} (the batch)" : n))}";
            throw new CnnMemException($"--dim: {graph.Name} has no dimension named {string.Join(", ", unknown.Select(u => $"'{u}'"))}; {has}");
        }
    }

    /// <summary>Notes for the report: an input whose declared (static) batch was replaced by another one.</summary>
    public static ImmutableArray<string> Notes(ModelGraph graph, long batch)
    {
        if (graph.DefaultBatch is not { } declared || graph.BatchSymbol is not { } symbol || declared == batch)
        {
            return ImmutableArray<string>.Empty;
        }
        return graph.Inputs
            .Where(i => i.Shape.IsRanked && i.Shape.Rank >= 1 && i.Shape[0].Symbol == symbol)
            .Select(i => $"input '{i.Name}' declared batch {declared}, analysed at batch {batch}")
            .ToImmutableArray();
    }

    /// <summary>The symbolic dimension names of the graph inputs, in order of first appearance.</summary>
    public static IReadOnlyList<string> Symbols(ModelGraph graph) =>
        graph.Inputs.Where(i => i.Shape.IsRanked).SelectMany(i => i.Shape).Where(d => d.IsSymbol).Select(d => d.Symbol!).Distinct(StringComparer.Ordinal).ToList();
}
