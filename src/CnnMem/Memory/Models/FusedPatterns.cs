using System.Collections.Immutable;
using CnnMem.Core;
using CnnMem.Inference;
using CnnMem.Ops.Fusion;
using CnnMem.Memory.Storages;

namespace CnnMem.Memory.Models;

/// <summary>
/// Finds the decompositions of fused PyTorch ops that exporters write (<see cref="FusionPatterns"/>: LayerNorm, GELU,
/// SiLU/HardSwish, attention, linear's bias, padded average pooling) and says, per node index, what that node keeps
/// instead of its rule's list: for the pattern's last node (in graph order) the fused op's tensors, for its other nodes
/// nothing (and whether their outputs are materialized, <see cref="FusionEffect"/>). It matches the patterns' data on
/// every node in graph order, the patterns in their order (a later match of a node replaces an earlier one); it knows no
/// op names. In inference LayerNorm's and GELU's pieces and an activation's gate are never materialized (one kernel);
/// their peaks had been matched by these pieces standing in for module arguments held until their call returns
/// (<see cref="ModuleScopes"/>).
/// </summary>
internal static class FusedPatterns
{
    public static ImmutableDictionary<int, FusedSave> Find(InferenceResult inference, bool fusedAttention = false) =>
        Find(inference, fusedAttention ? FusionPatterns.All : Unfused);

    private static readonly ImmutableArray<FusionPattern> Unfused = FusionPatterns.All.Where(p => !p.NeedsFusedAttention).ToImmutableArray();

    /// <summary>The matches of <paramref name="patterns"/> (tried in their order on each node).</summary>
    internal static ImmutableDictionary<int, FusedSave> Find(InferenceResult inference, ImmutableArray<FusionPattern> patterns)
    {
        var nodes = inference.Nodes;
        if (!HasAnchor(nodes, patterns))
        {
            return ImmutableDictionary<int, FusedSave>.Empty; // no pattern can start here: skip the tensor index
        }
        var match = new FusionMatch(inference);
        var result = new Dictionary<int, FusedSave>();
        for (var i = 0; i < nodes.Length; i++)
        {
            foreach (var p in patterns)
            {
                if (!p.Anchor.Ops.Contains(nodes[i].Node.Op) || (p.AnchorUnclaimed && result.ContainsKey(i)))
                {
                    continue;
                }
                for (var order = 0; order < (p.EitherInputOrder ? 2 : 1); order++)
                {
                    if (match.Try(p, i, swapped: order == 1))
                    {
                        Apply(p, match, result);
                    }
                }
            }
        }
        return result.ToImmutableDictionary();
    }

    private static void Apply(FusionPattern p, FusionMatch match, Dictionary<int, FusedSave> result)
    {
        var empty = new FusedSave(ImmutableArray<string>.Empty, ImmutableArray<TensorInfo>.Empty);
        if (p.Effect == FusionEffect.InPlace)
        {
            result[match.Bound[0]] = empty with { InPlaceInput = match.Swapped ? 1 : 0 };
            return;
        }
        var last = match.Last;
        for (var k = 0; k < p.Steps.Length; k++)
        {
            if (match.Bound[k] is var node and >= 0 && node != last)
            {
                result[node] = empty with { Inner = p.Effect == FusionEffect.Elementwise, NeverMaterialized = p.Effect == FusionEffect.NeverMaterialized };
            }
        }
        var keeps = p.Keeps.Select(r => match.Name(r)!).ToImmutableArray();
        var stats = p.Stats.Select(match.Stat).ToImmutableArray();
        result[last] = new FusedSave(keeps, stats);
    }

    /// <summary>Whether some node is the anchor of a pattern (a network without one has nothing to fuse).</summary>
    private static bool HasAnchor(ImmutableArray<NodeInference> nodes, ImmutableArray<FusionPattern> patterns)
    {
        foreach (var n in nodes)
        {
            foreach (var p in patterns)
            {
                if (p.Anchor.Ops.Contains(n.Node.Op))
                {
                    return true;
                }
            }
        }
        return false;
    }
}
