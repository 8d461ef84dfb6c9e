using System.Collections.Immutable;
using CnnMem.Graphs;
using CnnMem.Inference;
using CnnMem.Reports;

namespace CnnMem.Costs;

/// <summary>
/// Folds the layer rows of a report for shorter tables; each group's figures are sums over its members
/// (<see cref="FoldedRow"/>), so the folded rows add up to the same totals:
/// 1. <see cref="ConvBlocks"/>: a Conv/ConvTranspose/Gemm/MatMul followed by normalization and activation nodes, each
///    reading the previous one's only output that nothing else reads (the Conv+BN+ReLU block of CNNs);
/// 2. <see cref="ByDepth"/>: consecutive layers whose module path (<see cref="ModulePath"/>) agrees in its first N
///    components become one row named by that prefix.
/// </summary>
internal static class LayerFolding
{
    private static readonly ImmutableHashSet<string> Heads = ["Conv", "ConvTranspose", "Gemm", "MatMul", "Linear"];

    private static readonly ImmutableHashSet<string> Followers =
    [
        "BatchNormalization", "InstanceNormalization", "LayerNormalization", "GroupNormalization",
        "Relu", "LeakyRelu", "Relu6", "Clip", "Sigmoid", "Tanh", "HardSwish", "HardSigmoid", "SiLU", "Gelu", "Elu", "Selu", "Softplus", "PRelu", "Mish",
    ];

    public static ImmutableArray<FoldedRow> ConvBlocks(ModelGraph graph, ImmutableArray<LayerReport> layers)
    {
        var index = TensorIndex.Of(graph.Nodes, graph.Outputs);
        var nodes = graph.Nodes.GroupBy(n => n.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var groups = ImmutableArray.CreateBuilder<FoldedRow>();
        for (var i = 0; i < layers.Length;)
        {
            var end = i + 1;
            if (Heads.Contains(layers[i].Op) && nodes.TryGetValue(layers[i].Name, out var previous))
            {
                while (end < layers.Length && Followers.Contains(layers[end].Op) && nodes.TryGetValue(layers[end].Name, out var next)
                    && previous.Outputs.Length == 1 && next.Inputs.Length > 0 && next.Inputs[0] == previous.Outputs[0]
                    && index.ReaderCount(previous.Outputs[0]) == 1)
                {
                    previous = next;
                    end++;
                }
            }
            var members = layers[i..end];
            groups.Add(Fold(members.Length == 1 ? members[0].Name : ModulePath.Of(members[0].Name, members[0].Op), members));
            i = end;
        }
        return groups.ToImmutable();
    }

    public static ImmutableArray<FoldedRow> ByDepth(ImmutableArray<LayerReport> layers, int depth)
    {
        var groups = ImmutableArray.CreateBuilder<FoldedRow>();
        for (var i = 0; i < layers.Length;)
        {
            var path = ModulePath.Of(layers[i].Name, layers[i].Op);
            var end = i + 1;
            if (ModulePath.Depth(path) > depth)
            {
                var prefix = ModulePath.Prefix(path, depth);
                while (end < layers.Length && ModulePath.Depth(ModulePath.Of(layers[end].Name, layers[end].Op)) > depth
                    && ModulePath.Prefix(ModulePath.Of(layers[end].Name, layers[end].Op), depth) == prefix)
                {
                    end++;
                }
                groups.Add(Fold(prefix, layers[i..end]));
            }
            else
            {
                groups.Add(Fold(layers[i].Name, layers[i..end]));
            }
            i = end;
        }
        return groups.ToImmutable();
    }

    /// <summary>One row for <paramref name="members"/>: the last shape; counted elements and bytes, params and MACs summed (checked).</summary>
    private static FoldedRow Fold(string name, ImmutableArray<LayerReport> members)
    {
        if (members.Length == 1)
        {
            var l = members[0];
            return new FoldedRow
            {
                Name = l.Name,
                Op = l.Op,
                OutputShape = l.Outputs.IsEmpty ? null : l.OutputShape,
                Elements = l.OutputElements,
                Bytes = l.OutputBytes,
                Params = l.Params,
                Macs = l.Macs,
                Counted = l.InTextbookSum,
                Members = 1,
                NonTrainableParams = l.NonTrainableParams,
            };
        }
        long? elements = 0, bytes = 0;
        long prms = 0, macs = 0;
        foreach (var m in members)
        {
            prms = checked(prms + m.Params);
            macs = checked(macs + m.Macs);
            if (m.InTextbookSum)
            {
                elements = elements is { } e && m.OutputElements is { } me ? checked(e + me) : null;
                bytes = bytes is { } b && m.OutputBytes is { } mb ? checked(b + mb) : null;
            }
        }
        var ops = members.Select(m => m.Op).Distinct(StringComparer.Ordinal).ToList();
        var op = ops.Count <= 3 ? string.Join('+', ops) : $"{members.Length} layers";
        var last = members[^1];
        return new FoldedRow
        {
            Name = name,
            Op = op,
            OutputShape = last.Outputs.IsEmpty ? null : last.OutputShape,
            Elements = elements,
            Bytes = bytes,
            Params = prms,
            Macs = macs,
            Counted = members.Any(m => m.InTextbookSum),
            Members = members.Length,
            NonTrainableParams = members.Aggregate(0L, (a, m) => checked(a + m.NonTrainableParams)),
        };
    }
}
