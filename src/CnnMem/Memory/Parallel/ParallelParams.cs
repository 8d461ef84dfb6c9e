using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Inference;

namespace CnnMem.Memory.Parallel;

/// <summary>
/// The parameters of an analysed graph in forward order, each once (with the node first charged with it), sized as the
/// single-device training model sizes them: float weights are float32 master weights under autocast.
/// </summary>
internal static class ParallelParams
{
    public static ImmutableArray<ParamEntry> From(InferenceResult inference, bool mixedPrecision)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = ImmutableArray.CreateBuilder<ParamEntry>();
        foreach (var n in inference.Nodes)
        {
            foreach (var p in n.Params)
            {
                if (p.IsBuffer || !seen.Add(p.Name))
                {
                    continue;
                }
                var type = mixedPrecision && DTypes.IsFloat(p.DType) ? DType.Float32 : p.DType;
                var dim0 = p.Shape.Rank > 0 && p.Shape[0].Value is { } d ? d : 1;
                list.Add(new ParamEntry(n.Node.Name, p.Name, p.Elements, Math.Max(1, dim0), DTypes.SizeOf(type), inference.IsTrainable(p)));
            }
        }
        return list.ToImmutable();
    }
}
